using CrmRecording.Dataverse;
using CrmRecording.Dataverse.Customers;
using CrmRecording.Plugins;
using CrmRecording.Plugins.Ports;
using CrmRecording.Plugins.Schema;

namespace CrmRecording.Service.Crm;

/// <summary>The steps' CRM port over the Dataverse Web API client.</summary>
/// <remarks>The client is created on first use, so a CRM that is not reachable or configured yet fails the work (which is retried), not the host.</remarks>
internal sealed class DataverseCrmRecords(Lazy<DataverseClient> lazyClient) : ICrmRecords
{
    private DataverseClient Client => lazyClient.Value;

    public Task<CrmContact?> GetContactAsync(string table, Guid id, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(() => ReadContactAsync(table, id, cancellationToken));

    private async Task<CrmContact?> ReadContactAsync(string table, Guid id, CancellationToken cancellationToken)
    {
        var row = table switch
        {
            CrmTables.Contact => await Client.GetContactAsync(id, cancellationToken).ConfigureAwait(false),
            CrmTables.Lead => await Client.GetLeadAsync(id, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"'{table}' is not a contact or lead table.", nameof(table)),
        };
        return row is null ? null : ToContact(table, row);
    }

    /// <summary>A contact or lead row as the CRM-neutral contact the enrichment reads.</summary>
    private static CrmContact ToContact(string table, DataverseCustomer row) => new(
            table,
            row.Row.Id,
            row.BusinessPhone,
            row.MobilePhone,
            row.StateOrProvince,
            row.Country,
            row.VerifiedRegion,
            SolutionChoices.ToName(ContactColumns.DeviceType, row.DeviceType),
            SolutionChoices.ToName(ContactColumns.ConsentStatus, row.ConsentStatus),
            row.ConsentDate,
            row.ConsentMethod,
            row.DoNotRecord ?? false,
            row.OwnerId);

    public Task UpdateEnrichmentAsync(string table, Guid id, ContactEnrichment e, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(() => Client.UpdateAsync(EntitySet(table), id, EnrichmentColumns(e), cancellationToken));

    /// <summary>Queries of up to 100 ids each, instead of a request per row.</summary>
    public Task<IReadOnlyList<CrmContact>> GetContactsAsync(string table, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(async () => (IReadOnlyList<CrmContact>)[.. (await Client.GetCustomersAsync(Table(table), ids, cancellationToken).ConfigureAwait(false)).Select(row => ToContact(table, row))]);

    /// <summary>One <c>UpdateMultiple</c> (up to 1,000 rows), or one <c>$batch</c> change set where the table does not support it, instead of a PATCH per row.</summary>
    public Task UpdateEnrichmentsAsync(string table, IReadOnlyList<(Guid Id, ContactEnrichment Enrichment)> enrichments, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(() => Client.UpdateRowsAsync(Table(table), [.. enrichments.Select(e => (e.Id, (IReadOnlyDictionary<string, object?>)EnrichmentColumns(e.Enrichment)))], cancellationToken));

    /// <summary>The output columns an enrichment writes (none of the inputs the update steps filter on, so no step runs again).</summary>
    private static Dictionary<string, object?> EnrichmentColumns(ContactEnrichment e) => new()
        {
            [ContactColumns.Jurisdictions] = e.Jurisdictions,
            [ContactColumns.LocationSource] = e.LocationSource,
            [ContactColumns.EvidenceStrength] = SolutionChoices.ToValue(ContactColumns.EvidenceStrength, e.EvidenceStrength),
            [ContactColumns.DeviceType] = SolutionChoices.ToValue(ContactColumns.DeviceType, e.DeviceType),
            [ContactColumns.RecordingRule] = SolutionChoices.ToValue(ContactColumns.RecordingRule, e.RecordingRule),
            [ContactColumns.RecordingDecision] = SolutionChoices.ToValue(ContactColumns.RecordingDecision, e.Decision),
            [ContactColumns.DecisionReasons] = e.Reasons,
            [ContactColumns.RulesVersion] = e.RulesVersion,
            [ContactColumns.LastEnriched] = e.EnrichedAt,
        };

    public Task UpdateConsentAsync(RecordReference contact, string status, DateOnly answeredOn, string method, string evidenceReference, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(() => Client.UpdateAsync(EntitySet(contact.Table), contact.Id, new Dictionary<string, object?>
        {
            [ContactColumns.ConsentStatus] = SolutionChoices.ToValue(ContactColumns.ConsentStatus, status),
            [ContactColumns.ConsentDate] = answeredOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [ContactColumns.ConsentMethod] = method,
            [ContactColumns.ConsentEvidence] = evidenceReference,
        }, cancellationToken));

    public Task CreateNoteAsync(string table, Guid id, string subject, string text, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(() => Client.CreateNoteAsync(new RowReference(Table(table), id), subject, text, cancellationToken));

    public Task<string?> GetUserRegionAsync(Guid userId, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(async () => (await RepLocation.ReadAsync(Client, userId, cancellationToken).ConfigureAwait(false))?.Region);

    private static string EntitySet(string table) => Table(table).EntitySetName;

    private static DataverseTable Table(string table) => table switch
    {
        CrmTables.Contact => DataverseTable.Contact,
        CrmTables.Lead => DataverseTable.Lead,
        CrmTables.PhoneCall => DataverseTable.PhoneCall,
        CrmTables.Opportunity => DataverseTable.Opportunity,
        _ => throw new ArgumentException($"'{table}' is not a table this service writes to.", nameof(table)),
    };
}
