using CrmRecording.Core.Phones;
using CrmRecording.Plugins;
using CrmRecording.Plugins.Ports;

namespace CrmRecording.Testing;

/// <summary>An in-memory CRM for step tests: contacts by id, user regions, and every write recorded.</summary>
public sealed class FakeCrm : ICrmRecords, ILineTypeLookup
{
    public Dictionary<Guid, CrmContact> Contacts { get; } = [];

    public Dictionary<Guid, string> UserRegions { get; } = [];

    public List<(string Table, Guid Id, ContactEnrichment Enrichment)> Enrichments { get; } = [];

    public List<(string Table, Guid Id, string Subject, string Text)> Notes { get; } = [];

    public List<(RecordReference Contact, string Status, DateOnly On, string Method, string Evidence)> ConsentUpdates { get; } = [];

    public DeviceType LineType { get; set; } = DeviceType.Unknown;

    public int Lookups { get; private set; }

    /// <summary>The next this-many writes fail as a Dataverse outage would (HTTP 503).</summary>
    public int FailNextWrites { get; set; }

    public Task<CrmContact?> GetContactAsync(string table, Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Contacts.GetValueOrDefault(id));

    public Task UpdateEnrichmentAsync(string table, Guid id, ContactEnrichment enrichment, CancellationToken cancellationToken = default)
    {
        if (FailNextWrites > 0)
        {
            FailNextWrites--;
            throw new HttpRequestException("Dataverse answered 503 Service Unavailable", null, System.Net.HttpStatusCode.ServiceUnavailable);
        }

        Enrichments.Add((table, id, enrichment));
        return Task.CompletedTask;
    }

    public Task UpdateConsentAsync(RecordReference contact, string status, DateOnly answeredOn, string method, string evidenceReference, CancellationToken cancellationToken = default)
    {
        ConsentUpdates.Add((contact, status, answeredOn, method, evidenceReference));
        return Task.CompletedTask;
    }

    public Task CreateNoteAsync(string table, Guid id, string subject, string text, CancellationToken cancellationToken = default)
    {
        Notes.Add((table, id, subject, text));
        return Task.CompletedTask;
    }

    public Task<string?> GetUserRegionAsync(Guid userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(UserRegions.GetValueOrDefault(userId));

    public Task<DeviceType> LookupAsync(E164Number number, CancellationToken cancellationToken = default)
    {
        Lookups++;
        return Task.FromResult(LineType);
    }

    public static CrmContact Contact(Guid id, string? phone = null, string? state = null, string? country = "US", string? consent = null, DateOnly? consentDate = null, bool doNotRecord = false, Guid? owner = null, string? mobile = null, string? device = null) =>
        new("contact", id, phone, mobile, state, country, null, device, consent, consentDate, null, doNotRecord, owner);
}
