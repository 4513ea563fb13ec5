using CrmRecording.Vault.Outbox;
using Npgsql;

namespace CrmRecording.Vault.Metadata;

/// <summary>How deep the outbox is per kind, for the service's metrics.</summary>
public sealed partial class PostgresMetadataStore
{
    public Task<IReadOnlyList<OutboxDepth>> DepthByKindAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<OutboxDepth>>(
            async (connection, ct) =>
            {
                await using var select = new NpgsqlCommand("SELECT kind, COUNT(*), MIN(created_at) FROM outbox WHERE done_at IS NULL AND dead_at IS NULL GROUP BY kind;", connection);
                await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var depths = new List<OutboxDepth>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    depths.Add(new OutboxDepth(reader.GetString(0), checked((int)reader.GetInt64(1)), reader.GetFieldValue<DateTimeOffset>(2)));
                }

                return depths;
            },
            cancellationToken);
}
