using CrmRecording.Core.Decisions;
using CrmRecording.Dataverse;
using CrmRecording.Dataverse.PhoneCalls;
using CrmRecording.Plugins.Ports;
using CrmRecording.Plugins.Schema;
using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Crm;

/// <summary>The call flow's CRM port over the Dataverse Web API client.</summary>
/// <param name="directory">The users read for access checks and sign-in; the rep placing a call is read through it, so the
/// row read to know who is calling is not fetched again for their name and region.</param>
internal sealed class DataverseCallCrm(Lazy<DataverseClient> lazyClient, ICrmRecords records, Playback.CrmAccessDirectory? directory = null) : ICallCrm
{
    private DataverseClient Client => lazyClient.Value;

    public Task<CallTarget?> GetTargetAsync(CrmRecordRef record, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(() => ReadTargetAsync(record, cancellationToken));

    private async Task<CallTarget?> ReadTargetAsync(CrmRecordRef record, CancellationToken cancellationToken)
    {
        var (entity, id) = (record.Table, Guid.Parse(record.Id));
        if (CrmTables.IsCustomer(entity))
        {
            var contact = await records.GetContactAsync(entity, id, cancellationToken).ConfigureAwait(false);
            return contact is null ? null : new CallTarget(contact, Ref(entity, id), Ref(entity, id));
        }

        if (entity != CrmTables.Opportunity)
        {
            throw new ArgumentException($"'{entity}' is not contact, lead or opportunity.", nameof(record));
        }

        var opportunity = await Client.GetRowAsync(OpportunityColumns.EntitySet, id, $"{OpportunityColumns.Name},{OpportunityColumns.Contact},{OpportunityColumns.Customer}", cancellationToken).ConfigureAwait(false);
        if (opportunity is null)
        {
            return null;
        }

        // The opportunity's contact is who a rep calls; a customer that is an account has no person to ask for consent.
        var (table, customerId) = Lookup(opportunity, OpportunityColumns.Contact) is { } contactId
            ? (CrmTables.Contact, contactId)
            : Lookup(opportunity, OpportunityColumns.Customer) is { } customer && Text(opportunity, OpportunityColumns.CustomerTable) is CrmTables.Contact or null
                ? (CrmTables.Contact, customer)
                : throw new CallTargetException("The opportunity has no contact to call: set its contact (parentcontactid), or call the contact from their own record.");
        var target = await records.GetContactAsync(table, customerId, cancellationToken).ConfigureAwait(false)
            ?? throw new CallTargetException($"The opportunity's contact {customerId} was not found.");
        return new CallTarget(target, Ref(table, customerId), record);
    }

    public Task<RepProfile?> GetRepAsync(CrmRecordRef user, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(async () =>
        {
            // One read of the user (and of their territory) serves both the name and the region.
            var location = directory is null
                ? await RepLocation.ReadAsync(Client, Guid.Parse(user.Id), cancellationToken).ConfigureAwait(false)
                : await RepLocation.ReadAsync(Client, id => directory.UserAsync(id, cancellationToken), Guid.Parse(user.Id), cancellationToken).ConfigureAwait(false);
            return location is null ? null : new RepProfile(CrmUser.FromDataverse(location.User.Id, location.User.FullName), location.Region, location.Source);
        });

    public Task<CrmRecordRef> CreatePhoneCallAsync(CallRecord call, string subject, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(async () => Ref(CrmTables.PhoneCall, await Client.CreatePhoneCallAsync(
            new NewPhoneCall(Row(call.Entity, call.RecordId), call.RepUserId, Row(call.CustomerTable, call.CustomerId), subject, call.CustomerPhone),
            cancellationToken).ConfigureAwait(false)));

    public Task UpdatePhoneCallAsync(Guid phoneCallId, string? recordingUrl, int? recordedSeconds, CallRecord call, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(() => Client.UpdatePhoneCallAsync(
            phoneCallId,
            new PhoneCallRecording(recordingUrl, recordedSeconds, Truncate(call.ConsentSummary(), 4000), call.Decision.ToWireName(), Truncate(string.Join(Environment.NewLine, call.Reasons), 4000)),
            cancellationToken));

    public Task CloseActivityAsync(CallRecord call, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(() => Client.ClosePhoneCallAsync(
            call.PhoneCallId ?? throw new InvalidOperationException("The call has no phone call activity."),
            call.LengthSeconds(),
            new PhoneCallRecording(null, null, Truncate(call.ConsentSummary(), 4000), call.Decision.ToWireName(), Truncate(string.Join(Environment.NewLine, call.Reasons), 4000)),
            cancellationToken));

    public Task<bool> EnsureConsentLogAsync(CallRecord call, ConsentEvent consentEvent, CancellationToken cancellationToken = default) =>
        DataverseFailures.TranslateAsync(() => WriteConsentLogAsync(call, consentEvent, cancellationToken));

    private async Task<bool> WriteConsentLogAsync(CallRecord call, ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        var phoneCallId = call.PhoneCallId ?? throw new InvalidOperationException("The call has no phone call activity yet.");
        var eventName = consentEvent.Key;
        // A retried job must not add a second row when the first create succeeded but its answer was lost.
        var existing = await Client.QueryAsync(
            ConsentLogColumns.EntitySet,
            $"$select={ConsentLogColumns.Id}&$filter={ConsentLogColumns.CallId} eq '{call.Id}' and {ConsentLogColumns.Event} eq '{eventName}'&$top=1",
            cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            return false;
        }

        await Client.CreateConsentLogAsync(
            new ConsentLogRow(
                phoneCallId,
                eventName,
                consentEvent.Answer,
                consentEvent.Method,
                string.Join(",", consentEvent.Jurisdictions),
                $"{consentEvent.DisclosureKind} v{consentEvent.DisclosureVersion} ({consentEvent.Language})",
                call.Id,
                consentEvent.At,
                Row(call.CustomerTable, call.CustomerId)),
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static CrmRecordRef Ref(string table, Guid id) => new(CrmRecordRef.Dynamics, table, id.ToString("D"));

    private static RowReference Row(string table, Guid id) => table switch
    {
        CrmTables.Contact => RowReference.Contact(id),
        CrmTables.Lead => RowReference.Lead(id),
        CrmTables.Opportunity => RowReference.Opportunity(id),
        _ => throw new ArgumentException($"'{table}' is not contact, lead or opportunity.", nameof(table)),
    };

    private static Guid? Lookup(System.Text.Json.Nodes.JsonObject row, string column) =>
        Text(row, column) is { } text && Guid.TryParse(text, out var id) ? id : null;

    private static string? Text(System.Text.Json.Nodes.JsonObject row, string column) =>
        row.TryGetPropertyValue(column, out var node) && node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
