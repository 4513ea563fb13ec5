using CrmRecording.Salesforce;

namespace CrmRecording.Service.Crm.Salesforce;

/// <summary>
/// Record owners' regions for enrichment, read once per owner and kept ten minutes: a bulk change of thousands of
/// records by a handful of owners costs a handful of User reads.
/// </summary>
internal sealed class RepRegions(SalesforceCallCrm crm, TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, (string? Region, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    public async Task<string?> GetAsync(SalesforceId owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_known)
        {
            if (_known.TryGetValue(owner.Value, out var known) && known.Until > now)
            {
                return known.Region;
            }
        }

        var rep = await crm.GetRepAsync(new CrmRecordRef(CrmRecordRef.Salesforce, "User", owner.Value), cancellationToken).ConfigureAwait(false);
        lock (_known)
        {
            _known[owner.Value] = (rep?.Region, now + Keep);
        }

        return rep?.Region;
    }
}
