using CrmRecording.Plugins;

namespace CrmRecording.Plugins.Ports;

/// <summary>The CRM rows the steps read and write; implemented over the Dataverse Web API (and, later, Salesforce REST).</summary>
public interface ICrmRecords
{
    Task<CrmContact?> GetContactAsync(string table, Guid id, CancellationToken cancellationToken = default);

    Task UpdateEnrichmentAsync(string table, Guid id, ContactEnrichment enrichment, CancellationToken cancellationToken = default);

    /// <summary>Reads many contacts or leads of one table; rows that do not exist are absent. A CRM with a bulk read overrides this.</summary>
    async Task<IReadOnlyList<CrmContact>> GetContactsAsync(string table, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new List<CrmContact>(ids.Count);
        foreach (var id in ids)
        {
            if (await GetContactAsync(table, id, cancellationToken).ConfigureAwait(false) is { } contact)
            {
                found.Add(contact);
            }
        }

        return found;
    }

    /// <summary>Writes many enrichments of one table, all or none where the CRM can; a CRM with a bulk write overrides this.</summary>
    async Task UpdateEnrichmentsAsync(string table, IReadOnlyList<(Guid Id, ContactEnrichment Enrichment)> enrichments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enrichments);
        foreach (var (id, enrichment) in enrichments)
        {
            await UpdateEnrichmentAsync(table, id, enrichment, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets the contact's consent columns after the customer answered on a call.</summary>
    Task UpdateConsentAsync(RecordReference contact, string status, DateOnly answeredOn, string method, string evidenceReference, CancellationToken cancellationToken = default);

    /// <summary>Adds a note (annotation) on a row, e.g. the phone call, so the timeline shows it.</summary>
    Task CreateNoteAsync(string table, Guid id, string subject, string text, CancellationToken cancellationToken = default);

    /// <summary>The rep's region (territory or profile), as an ISO 3166 code, if known.</summary>
    Task<string?> GetUserRegionAsync(Guid userId, CancellationToken cancellationToken = default);
}
