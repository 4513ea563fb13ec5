using Microsoft.Data.Sqlite;

namespace CrmRecording.Service.Health;

/// <summary>
/// A cheap real read of one SQLite store: the schema, then the first row of every table, on a connection of its
/// own (no cached pages). A damaged header or a damaged table root is found here; a full check is
/// <c>crmrec doctor</c> (SQLite's <c>integrity_check</c>), too slow to run on every probe.
/// </summary>
internal static class SqliteStoreProbe
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <returns>Null when the store reads, else what SQLite said; a file not created yet reads as fine.</returns>
    public static async Task<string?> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return null;
        }

        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var tables = new List<string>();
            await using (var schema = connection.CreateCommand())
            {
                schema.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';";
                await using var reader = await schema.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var first = connection.CreateCommand();
                first.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" LIMIT 1;";
                await using var reader = await first.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (SqliteException ex) when (IsDamage(ex))
        {
            return ex.Message;
        }
    }

    public static bool IsDamage(SqliteException ex) => ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase;
}
