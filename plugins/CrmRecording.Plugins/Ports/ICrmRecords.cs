using CrmRecording.Plugins;

namespace CrmRecording.Plugins.Ports;

/// <summary>The CRM rows the steps read and write; implemented over the Dataverse Web API (and, later, Salesforce REST).</summary>
public interface ICrmRecords
{
    Task<CrmContact?> GetContactAsync(string table, Guid id, CancellationToken cancellationToken = default);

    Task UpdateEnrichmentAsync(string table, Guid id, ContactEnrichment enrichment, CancellationToken cancellationToken = default);

    /// <summary>Sets the contact's consent columns after the customer answered on a call.</summary>
    Task UpdateConsentAsync(RecordReference contact, string status, DateOnly answeredOn, string method, string evidenceReference, CancellationToken cancellationToken = default);

    /// <summary>Adds a note (annotation) on a row, e.g. the phone call, so the timeline shows it.</summary>
    Task CreateNoteAsync(string table, Guid id, string subject, string text, CancellationToken cancellationToken = default);

    /// <summary>The rep's region (territory or profile), as an ISO 3166 code, if known.</summary>
    Task<string?> GetUserRegionAsync(Guid userId, CancellationToken cancellationToken = default);
}
