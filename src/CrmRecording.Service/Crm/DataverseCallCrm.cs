using CrmRecording.Dataverse;
using CrmRecording.Dataverse.PhoneCalls;
using CrmRecording.Plugins.Ports;
using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Crm;

/// <summary>The call flow's CRM port over the Dataverse Web API client.</summary>
internal sealed class DataverseCallCrm(Lazy<DataverseClient> lazyClient, ICrmRecords records) : ICallCrm
{
    private DataverseClient Client => lazyClient.Value;

    public async Task<CallTarget?> GetTargetAsync(CrmRecordRef record, CancellationToken cancellationToken = default)
    {
        var (entity, id) = (record.Table, Guid.Parse(record.Id));
        if (entity is "contact" or "lead")
        {
            var contact = await records.GetContactAsync(entity, id, cancellationToken).ConfigureAwait(false);
            return contact is null ? null : new CallTarget(contact, Ref(entity, id), Ref(entity, id));
        }

        if (entity != "opportunity")
        {
            throw new ArgumentException($"'{entity}' is not contact, lead or opportunity.", nameof(record));
        }

        var opportunity = await Client.GetRowAsync("opportunities", id, "name,_parentcontactid_value,_customerid_value", cancellationToken).ConfigureAwait(false);
        if (opportunity is null)
        {
            return null;
        }

        // The opportunity's contact is who a rep calls; a customer that is an account has no person to ask for consent.
        var (table, customerId) = Lookup(opportunity, "_parentcontactid_value") is { } contactId
            ? ("contact", contactId)
            : Lookup(opportunity, "_customerid_value") is { } customer && Text(opportunity, "_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname") is "contact" or null
                ? ("contact", customer)
                : throw new CallTargetException("The opportunity has no contact to call: set its contact (parentcontactid), or call the contact from their own record.");
        var target = await records.GetContactAsync(table, customerId, cancellationToken).ConfigureAwait(false)
            ?? throw new CallTargetException($"The opportunity's contact {customerId} was not found.");
        return new CallTarget(target, Ref(table, customerId), record);
    }

    public async Task<RepProfile?> GetRepAsync(CrmRecordRef user, CancellationToken cancellationToken = default)
    {
        // One read of the user (and of their territory) serves both the name and the region.
        var location = await RepLocation.ReadAsync(Client, Guid.Parse(user.Id), cancellationToken).ConfigureAwait(false);
        return location is null ? null : new RepProfile(CrmUser.FromDataverse(location.User.Id, location.User.FullName), location.Region, location.Source);
    }

    public async Task<CrmRecordRef> CreatePhoneCallAsync(CallRecord call, string subject, CancellationToken cancellationToken = default) =>
        Ref("phonecall", await Client.CreatePhoneCallAsync(
            new NewPhoneCall(Row(call.Entity, call.RecordId), call.RepUserId, Row(call.CustomerTable, call.CustomerId), subject, call.CustomerPhone),
            cancellationToken).ConfigureAwait(false));

    public Task UpdatePhoneCallAsync(Guid phoneCallId, string? recordingUrl, int? recordedSeconds, CallRecord call, CancellationToken cancellationToken = default) =>
        Client.UpdatePhoneCallAsync(
            phoneCallId,
            new PhoneCallRecording(recordingUrl, recordedSeconds, Truncate(call.ConsentSummary(), 4000), call.Decision, Truncate(string.Join(Environment.NewLine, call.Reasons), 4000)),
            cancellationToken);

    public async Task<bool> EnsureConsentLogAsync(CallRecord call, ConsentEvent consentEvent, CancellationToken cancellationToken = default)
    {
        var phoneCallId = call.PhoneCallId ?? throw new InvalidOperationException("The call has no phone call activity yet.");
        var eventName = consentEvent.Key;
        // A retried job must not add a second row when the first create succeeded but its answer was lost.
        var existing = await Client.QueryAsync(
            "crr_consentlogs",
            $"$select=crr_consentlogid&$filter=crr_callid eq '{call.Id}' and crr_event eq '{eventName}'&$top=1",
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
        "contact" => RowReference.Contact(id),
        "lead" => RowReference.Lead(id),
        "opportunity" => RowReference.Opportunity(id),
        _ => throw new ArgumentException($"'{table}' is not contact, lead or opportunity.", nameof(table)),
    };

    private static Guid? Lookup(System.Text.Json.Nodes.JsonObject row, string column) =>
        Text(row, column) is { } text && Guid.TryParse(text, out var id) ? id : null;

    private static string? Text(System.Text.Json.Nodes.JsonObject row, string column) =>
        row.TryGetPropertyValue(column, out var node) && node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
