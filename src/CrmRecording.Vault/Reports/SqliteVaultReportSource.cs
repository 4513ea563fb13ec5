using CrmRecording.Core.Reports;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Metadata;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Vault.Reports;

/// <summary>The report's reads from the SQLite metadata database (read-only connections).</summary>
public sealed class SqliteVaultReportSource(string databasePath) : IVaultReportSource
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(databasePath),
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private const string ChainQuery = "SELECT seq, at, action, actor, recording_id, detail, prev_hash, hash FROM audit_events ORDER BY seq;";

    public async Task<IReadOnlyList<ReportRecordingRow>> ListRetentionAsync(DateTimeOffset dueBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ReportRecordingRow>();
        foreach (var sql in new[] { ReportQueries.Due('$'), ReportQueries.Held })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$due", SqliteMetadataStore.Iso(dueBy));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new ReportRecordingRow(
                    reader.GetString(0),
                    Text(reader, 1),
                    SqliteMetadataStore.ParseIso(reader.GetString(2)),
                    reader.GetString(3),
                    Time(reader, 4),
                    Text(reader, 5),
                    Time(reader, 6)));
            }
        }

        return rows;
    }

    public async Task<(AuditChainState Chain, IReadOnlyList<ReportAuditRow> Since)> VerifyAndReadAuditAsync(DateTimeOffset from, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = ChainQuery;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return ChainVerifier.VerifyAndKeep(Events(reader, cancellationToken), from, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>SQLite reads are synchronous underneath; the rows stream straight into the verifier.</summary>
    private static IEnumerable<AuditEvent> Events(SqliteDataReader reader, CancellationToken cancellationToken)
    {
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = new AuditEntry(SqliteMetadataStore.ParseIso(reader.GetString(1)), reader.GetString(2), reader.GetString(3), Text(reader, 4), Text(reader, 5));
            yield return new AuditEvent(reader.GetInt64(0), entry, reader.GetString(6), reader.GetString(7));
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static string? Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static DateTimeOffset? Time(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : SqliteMetadataStore.ParseIso(reader.GetString(i));
}
