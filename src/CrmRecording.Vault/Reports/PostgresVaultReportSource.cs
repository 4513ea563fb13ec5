using CrmRecording.Core.Reports;
using CrmRecording.Vault.Audit;
using Npgsql;

namespace CrmRecording.Vault.Reports;

/// <summary>The report's reads from the PostgreSQL metadata database.</summary>
public sealed class PostgresVaultReportSource(string connectionString) : IVaultReportSource
{
    private const string ChainQuery = "SELECT seq, at, at_100ns, action, actor, recording_id, detail, prev_hash, hash FROM audit_events ORDER BY seq;";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task<IReadOnlyList<ReportRecordingRow>> ListRetentionAsync(DateTimeOffset dueBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ReportRecordingRow>();
        foreach (var sql in new[] { ReportQueries.Due('@'), ReportQueries.Held })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("due", dueBy.ToUniversalTime());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new ReportRecordingRow(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetFieldValue<DateTimeOffset>(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
            }
        }

        return rows;
    }

    public async Task<(AuditChainState Chain, IReadOnlyList<ReportAuditRow> Since)> VerifyAndReadAuditAsync(DateTimeOffset from, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(ChainQuery, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return ChainVerifier.VerifyAndKeep(Events(reader, cancellationToken), from, cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Rows stream into the verifier (buffered by the driver), so the trail is never held whole.</summary>
    private static IEnumerable<AuditEvent> Events(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = new AuditEntry(At(reader, 1), reader.GetString(3), reader.GetString(4), Text(reader, 5), Text(reader, 6));
            yield return new AuditEvent(reader.GetInt64(0), entry, reader.GetString(7), reader.GetString(8));
        }
    }

    /// <summary>As the metadata store writes it: microseconds in <c>at</c>, the tenth of a microsecond in <c>at_100ns</c>.</summary>
    private static DateTimeOffset At(NpgsqlDataReader reader, int i) => reader.GetFieldValue<DateTimeOffset>(i).ToUniversalTime().AddTicks(reader.GetInt16(i + 1));

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
