using System.Globalization;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Vault.Metadata;

/// <summary>How deep the outbox is per kind, for the service's metrics.</summary>
public sealed partial class SqliteMetadataStore
{
    public async Task<IReadOnlyList<OutboxDepth>> DepthByKindAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        // created_at is written in one fixed-width UTC format, so the smallest text is the earliest time.
        select.CommandText = "SELECT kind, COUNT(*), MIN(created_at) FROM outbox WHERE done_at IS NULL AND dead_at IS NULL GROUP BY kind;";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var depths = new List<OutboxDepth>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            depths.Add(new OutboxDepth(reader.GetString(0), Convert.ToInt32(reader.GetInt64(1), CultureInfo.InvariantCulture), ParseIso(reader.GetString(2))));
        }

        return depths;
    }
}
