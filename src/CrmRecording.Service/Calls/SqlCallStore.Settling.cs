using System.Data.Common;

namespace CrmRecording.Service.Calls;

/// <summary>Which calls reconciliation still has to look at, and how many recordings ended lost.</summary>
public sealed partial class SqlCallStore
{
    public async Task<IReadOnlyList<CallRecord>> ListUnsettledAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM calls WHERE settled = 0 ORDER BY created_at LIMIT @max;";
        Add(command, "@max", max);
        var calls = new List<CallRecord>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                calls.Add(await ReadAsync(reader.GetString(0), cancellationToken).ConfigureAwait(false));
            }
        }

        foreach (var settled in calls.Where(c => c.IsSettled))
        {
            // Stored before the column existed (it defaults to unsettled): mark it once, so it is not listed again.
            await WriteAsync("UPDATE calls SET settled = 1 WHERE id = @id AND version = @expected;", c => { Add(c, "@id", settled.Id); Add(c, "@expected", settled.Version); }, cancellationToken).ConfigureAwait(false);
        }

        return calls.Where(c => !c.IsSettled).ToList();
    }

    public async Task<int> CountLostRecordingsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(lost), 0) FROM calls WHERE lost > 0;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<bool> HasColumnAsync(DbConnection connection, DbTransaction? tx, string column, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = _postgres
            ? "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'calls' AND column_name = @column;"
            : "SELECT COUNT(*) FROM pragma_table_info('calls') WHERE name = @column;";
        Add(command, "@column", column);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
