using CrmRecording.Dataverse;
using CrmRecording.Plugins;
using CrmRecording.Plugins.Ports;

namespace CrmRecording.Service.Crm;

/// <summary>The steps' CRM port over the Dataverse Web API client.</summary>
/// <remarks>The client is created on first use, so a CRM that is not reachable or configured yet fails the work (which is retried), not the host.</remarks>
internal sealed class DataverseCrmRecords(Lazy<DataverseClient> lazyClient) : ICrmRecords
{
    private DataverseClient Client => lazyClient.Value;

    public async Task<CrmContact?> GetContactAsync(string table, Guid id, CancellationToken cancellationToken = default)
    {
        var row = table switch
        {
            "contact" => await Client.GetContactAsync(id, cancellationToken).ConfigureAwait(false),
            "lead" => await Client.GetLeadAsync(id, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"'{table}' is not a contact or lead table.", nameof(table)),
        };
        return row is null ? null : new CrmContact(
            table,
            id,
            row.BusinessPhone,
            row.MobilePhone,
            row.StateOrProvince,
            row.Country,
            row.VerifiedRegion,
            SolutionChoices.ToName("crr_devicetype", row.DeviceType),
            SolutionChoices.ToName("crr_consentstatus", row.ConsentStatus),
            row.ConsentDate,
            row.ConsentMethod,
            row.DoNotRecord ?? false,
            row.OwnerId);
    }

    public Task UpdateEnrichmentAsync(string table, Guid id, ContactEnrichment e, CancellationToken cancellationToken = default) =>
        Client.UpdateAsync(EntitySet(table), id, new Dictionary<string, object?>
        {
            ["crr_jurisdictions"] = e.Jurisdictions,
            ["crr_locationsource"] = e.LocationSource,
            ["crr_evidencestrength"] = SolutionChoices.ToValue("crr_evidencestrength", e.EvidenceStrength),
            ["crr_devicetype"] = SolutionChoices.ToValue("crr_devicetype", e.DeviceType),
            ["crr_recordingrule"] = SolutionChoices.ToValue("crr_recordingrule", e.RecordingRule),
            ["crr_recordingdecision"] = SolutionChoices.ToValue("crr_recordingdecision", e.Decision),
            ["crr_decisionreasons"] = e.Reasons,
            ["crr_rulesversion"] = e.RulesVersion,
            ["crr_lastenriched"] = e.EnrichedAt,
        }, cancellationToken);

    public Task UpdateConsentAsync(RecordReference contact, string status, DateOnly answeredOn, string method, string evidenceReference, CancellationToken cancellationToken = default) =>
        Client.UpdateAsync(EntitySet(contact.Table), contact.Id, new Dictionary<string, object?>
        {
            ["crr_consentstatus"] = SolutionChoices.ToValue("crr_consentstatus", status),
            ["crr_consentdate"] = answeredOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["crr_consentmethod"] = method,
            ["crr_consentevidenceref"] = evidenceReference,
        }, cancellationToken);

    public Task CreateNoteAsync(string table, Guid id, string subject, string text, CancellationToken cancellationToken = default) =>
        Client.CreateNoteAsync(new RowReference(Table(table), id), subject, text, cancellationToken);

    public async Task<string?> GetUserRegionAsync(Guid userId, CancellationToken cancellationToken = default) =>
        (await RepLocation.ReadAsync(Client, userId, cancellationToken).ConfigureAwait(false))?.Region;

    private static string EntitySet(string table) => Table(table).EntitySetName;

    private static DataverseTable Table(string table) => table switch
    {
        "contact" => DataverseTable.Contact,
        "lead" => DataverseTable.Lead,
        "phonecall" => DataverseTable.PhoneCall,
        "opportunity" => DataverseTable.Opportunity,
        _ => throw new ArgumentException($"'{table}' is not a table this service writes to.", nameof(table)),
    };
}
