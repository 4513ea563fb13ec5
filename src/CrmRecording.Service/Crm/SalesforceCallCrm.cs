using System.Globalization;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Location;
using CrmRecording.Plugins.Ports;
using CrmRecording.Salesforce;
using CrmRecording.Salesforce.Customers;
using CrmRecording.Salesforce.Records;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Outbox;

namespace CrmRecording.Service.Crm;

/// <summary>
/// The call flow's CRM port over the Salesforce REST client: Contact, Lead and an Opportunity's primary contact to
/// call, the rep's User, a <c>Task</c> for the call, a <c>Call_Recording__c</c> upserted by <c>Call_Id__c</c> and
/// <c>Consent_Log__c</c> rows upserted by <c>Log_Key__c</c> through sObject Collections. The audio stays in the vault.
/// </summary>
internal sealed class SalesforceCallCrm(Lazy<SalesforceClient> lazyClient) : ICallCrm
{
    public const string CallRecordingObject = "Call_Recording__c";
    public const string ConsentLogObject = "Consent_Log__c";

    /// <summary>The error code of a validation rule's refusal (the package's Task gate among them).</summary>
    public const string ValidationRefusal = "FIELD_CUSTOM_VALIDATION_EXCEPTION";

    private SalesforceClient Client => lazyClient.Value;

    public Task<CallTarget?> GetTargetAsync(CrmRecordRef record, CancellationToken cancellationToken = default) =>
        ReadAsync(async () =>
        {
            var id = SalesforceId.Parse(record.Id);
            switch (record.Table)
            {
                case "Contact" or "Lead":
                    var customer = record.Table == "Contact"
                        ? await Client.GetContactAsync(id, cancellationToken).ConfigureAwait(false)
                        : await Client.GetLeadAsync(id, cancellationToken).ConfigureAwait(false);
                    return customer is null ? null : new CallTarget(ToContact(customer), Ref(record.Table, customer.Id), Ref(record.Table, customer.Id));
                case "Opportunity":
                    var opportunity = await Client.GetOpportunityAsync(id, cancellationToken).ConfigureAwait(false);
                    if (opportunity is null)
                    {
                        return null;
                    }

                    var contactId = opportunity.PrimaryContactId
                        ?? throw new CallTargetException("The opportunity has no primary contact: mark one of its contact roles primary, or call the contact from their own record.");
                    var contact = await Client.GetContactAsync(contactId, cancellationToken).ConfigureAwait(false)
                        ?? throw new CallTargetException($"The opportunity's primary contact {contactId} was not found.");
                    return new CallTarget(ToContact(contact), Ref("Contact", contact.Id), Ref("Opportunity", opportunity.Id));
                default:
                    throw new ArgumentException($"'{record.Table}' is not Contact, Lead or Opportunity.", nameof(record));
            }
        });

    public Task<RepProfile?> GetRepAsync(CrmRecordRef user, CancellationToken cancellationToken = default) =>
        ReadAsync(async () =>
        {
            var found = await Client.GetUserAsync(SalesforceId.Parse(user.Id), cancellationToken).ConfigureAwait(false);
            if (found is null || !found.IsActive)
            {
                return null;
            }

            var rep = new CrmUser(CrmRecordRef.Salesforce, found.Id.Value, found.Name);
            var places = PlaceDirectory.Default;
            Core.Jurisdictions.JurisdictionCode? country = places.TryResolveCountry(found.CountryOrCode, out var c) ? c : null;
            var regions = places.ResolveRegion(found.Region, country);
            var region = regions.Count == 1 ? regions[0].Value : country?.Value;
            var address = string.Join(", ", new[] { found.Region, found.CountryOrCode }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
            return (RepProfile?)new RepProfile(rep, region, region is null ? null : $"user address {address}");
        });

    public Task<CrmRecordRef> CreatePhoneCallAsync(CallRecord call, string subject, CancellationToken cancellationToken = default) =>
        ReadAsync(async () =>
        {
            var record = call.Record();
            var fields = new Dictionary<string, object?>
            {
                ["Subject"] = Truncate(subject, 255),
                ["Status"] = "In Progress",
                ["Priority"] = "Normal",
                ["TaskSubtype"] = "Call",
                ["CallType"] = "Outbound",
                ["CallObject"] = call.Id,
                ["WhoId"] = call.Customer().Id,
                // A Lead takes no WhatId; an Opportunity dialled from is what the call is about.
                ["WhatId"] = record.Table == "Opportunity" ? record.Id : null,
                ["OwnerId"] = call.Rep(),
                ["ActivityDate"] = call.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            var id = await Client.CreateAsync("Task", fields, cancellationToken).ConfigureAwait(false);
            return Ref("Task", id);
        });

    public Task UpdatePhoneCallAsync(Guid phoneCallId, string? recordingUrl, int? recordedSeconds, CallRecord call, CancellationToken cancellationToken = default) =>
        WriteBackAsync(async () =>
        {
            var task = call.ActivityRef ?? throw new RetryLaterException("The call's Task is not created yet.");
            var summary = call.ConsentSummary();
            await Client.UpdateAsync("Task", SalesforceId.Parse(task.Id), new Dictionary<string, object?>
            {
                ["Status"] = "Completed",
                ["CallDurationInSeconds"] = recordedSeconds,
                ["CallDisposition"] = Truncate($"{(recordingUrl is null ? "Not recorded" : "Recorded")} ({call.Decision.ToWireName()})", 255),
                ["Description"] = Truncate(summary, 32_000),
            }, cancellationToken).ConfigureAwait(false);

            var customer = call.Customer();
            var record = call.Record();
            await Client.UpsertAsync(CallRecordingObject, "Call_Id__c", call.Id, new Dictionary<string, object?>
            {
                ["Name"] = $"Call {call.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z",
                ["Task_Id__c"] = task.Id,
                ["Contact__c"] = customer.Table == "Contact" ? customer.Id : null,
                ["Lead__c"] = customer.Table == "Lead" ? customer.Id : null,
                ["Opportunity__c"] = record.Table == "Opportunity" ? record.Id : null,
                ["Rep__c"] = call.Rep(),
                ["Recording_Url__c"] = recordingUrl,
                ["Recorded_Seconds__c"] = recordedSeconds,
                ["Decision__c"] = call.Decision.ToWireName(),
                ["Reasons__c"] = Truncate(string.Join("\n", call.Reasons), 32_000),
                ["Jurisdictions__c"] = Truncate(string.Join(",", call.Jurisdictions), 255),
                ["Consent_Summary__c"] = Truncate(summary, 32_000),
                ["Paused_Spans__c"] = Truncate(string.Join("\n", call.PausedSpans.Select(p => p.Describe())), 32_000),
                ["Rules_Version__c"] = Truncate(call.RulesVersion, 255),
            }, cancellationToken).ConfigureAwait(false);
        });

    public Task CloseActivityAsync(CallRecord call, CancellationToken cancellationToken = default) =>
        WriteBackAsync(async () =>
        {
            var task = call.ActivityRef ?? throw new RetryLaterException("The call's Task is not created yet.");
            var recorded = call.Recordings.Any(r => r.Status == "stored");
            var ending = call.Status == Calls.State.CallStatus.Completed ? string.Empty : $", {Calls.State.CallWireNames.ToWireName(call.Status)}";
            await Client.UpdateAsync("Task", SalesforceId.Parse(task.Id), new Dictionary<string, object?>
            {
                ["Status"] = "Completed",
                ["CallDurationInSeconds"] = call.LengthSeconds(),
                ["CallDisposition"] = Truncate($"{(recorded ? "Recorded" : "Not recorded")} ({call.Decision.ToWireName()}{ending})", 255),
                ["Description"] = Truncate(call.ConsentSummary(), 32_000),
            }, cancellationToken).ConfigureAwait(false);
        });

    public Task<bool> EnsureConsentLogAsync(CallRecord call, ConsentEvent consentEvent, CancellationToken cancellationToken = default) =>
        WriteBackAsync(async () =>
        {
            // Every event of the call so far in one collection: upserts by key, so a retry or an earlier lost write is caught up, never doubled.
            var events = call.ConsentEvents.Any(e => e.Key == consentEvent.Key) ? call.ConsentEvents : [.. call.ConsentEvents, consentEvent];
            var customer = call.Customer();
            var rows = events.Select(e => new SObjectRecord(ConsentLogObject, new Dictionary<string, object?>
            {
                ["Name"] = Truncate(e.Kind, 80),
                ["Log_Key__c"] = LogKey(call, e),
                ["Call_Id__c"] = call.Id,
                ["Event__c"] = e.Key,
                ["Answer__c"] = e.Answer,
                ["Method__c"] = e.Method,
                ["Jurisdictions__c"] = string.Join(",", e.Jurisdictions),
                ["Disclosure_Version__c"] = $"{e.DisclosureKind} v{e.DisclosureVersion} ({e.Language})",
                ["At__c"] = e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["Contact__c"] = customer.Table == "Contact" ? customer.Id : null,
                ["Lead__c"] = customer.Table == "Lead" ? customer.Id : null,
            })).ToList();
            var results = await Client.UpsertCollectionAsync(ConsentLogObject, "Log_Key__c", rows, allOrNone: false, cancellationToken).ConfigureAwait(false);
            if (results.FirstOrDefault(r => !r.Success) is { } failed)
            {
                throw new InvalidOperationException($"Salesforce refused a consent log row: {failed.Describe()}");
            }

            var index = events.ToList().FindIndex(e => e.Key == consentEvent.Key);
            return results[index].Created ?? false;
        });

    /// <summary>The external id of an event's row: the call and the event's dedupe key.</summary>
    internal static string LogKey(CallRecord call, ConsentEvent consentEvent) => $"{call.Id}:{consentEvent.Key}";

    /// <summary>A Contact or Lead as the consent engine's reader takes it; its ids are the records' local keys.</summary>
    internal static CrmContact ToContact(SalesforceCustomer customer) => new(
        customer.ObjectType.ToLowerInvariant(),
        CrmRecordRef.KeyOf(CrmRecordRef.Salesforce, customer.Id.Value),
        customer.Phone,
        customer.MobilePhone,
        customer.Region,
        customer.CountryOrCode,
        customer.VerifiedRegion,
        customer.DeviceType,
        customer.ConsentStatus,
        customer.ConsentDate,
        customer.ConsentMethod,
        customer.DoNotRecord,
        customer.OwnerId is { } owner ? CrmRecordRef.KeyOf(CrmRecordRef.Salesforce, owner.Value) : null);

    private static CrmRecordRef Ref(string type, SalesforceId id) => new(CrmRecordRef.Salesforce, type, id.Value);

    /// <summary>Reads and the activity's create: a Salesforce failure is the CRM not answering, with its retry-after.</summary>
    private static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (SalesforceException ex)
        {
            throw new CrmUnavailableException(CrmRecordRef.Salesforce, ex.Status, ex.ErrorCode ?? ex.ServerMessage, ex.RetryAfter, ex);
        }
    }

    /// <summary>Write-backs run by the outbox: an outage or API limit waits for Salesforce's retry-after.</summary>
    private static async Task<T> WriteBackAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (SalesforceException ex) when (ex.IsRetryLater)
        {
            throw new RetryLaterException($"Salesforce answered {ex.Status} {ex.ErrorCode}: try again later.", ex.RetryAfter);
        }
        catch (SalesforceException ex) when (ex.ErrorCode == ValidationRefusal)
        {
            // The org's rules refuse the write (the package's Task gate, say): no retry changes that, so the job ends here with the org's words.
            throw new JobRefusedException($"Salesforce refused the write ({ex.ErrorCode}): {ex.ServerMessage}", ex);
        }
    }

    private static Task<bool> WriteBackAsync(Func<Task> write) => WriteBackAsync(async () =>
    {
        await write().ConfigureAwait(false);
        return true;
    });

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
