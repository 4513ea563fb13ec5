using CrmRecording.Plugins.Ports;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Calls;

/// <summary>
/// What the call flow reads from and writes to one CRM; one implementation per CRM (<see cref="DataverseCallCrm"/>,
/// <see cref="SalesforceCallCrm"/>), and <see cref="CallCrms"/> choosing among them by the call's <c>crm</c>.
/// Failures of the CRM itself come out as <see cref="CrmUnavailableException"/> (reads, the activity's create) or,
/// from the write-backs the outbox runs, as the exception the outbox retries later.
/// </summary>
internal interface ICallCrm
{
    /// <summary>The contact or lead to call for a contact, lead or opportunity record; null when the record does not exist.</summary>
    /// <exception cref="CallTargetException">The record exists but has nobody callable (e.g. an opportunity without a contact).</exception>
    Task<CallTarget?> GetTargetAsync(CrmRecordRef record, CancellationToken cancellationToken = default);

    /// <summary>The rep, with their region (territory's jurisdiction, else address) as an ISO 3166 code if known; null when the user does not exist.</summary>
    Task<RepProfile?> GetRepAsync(CrmRecordRef user, CancellationToken cancellationToken = default);

    /// <summary>Creates the outgoing call activity (a phone call, a Task) regarding the record dialled from.</summary>
    Task<CrmRecordRef> CreatePhoneCallAsync(CallRecord call, string subject, CancellationToken cancellationToken = default);

    /// <summary>Writes the recording link, duration, decision and consent summary onto the call activity (and the CRM's recording record).</summary>
    Task UpdatePhoneCallAsync(Guid phoneCallId, string? recordingUrl, int? recordedSeconds, CallRecord call, CancellationToken cancellationToken = default);

    /// <summary>
    /// The call ended and nothing more will be written about it: completes its activity (a Dataverse phone call closed as
    /// made, a Salesforce Task <c>Completed</c>) with the call's length, whether it was recorded, and the consent summary.
    /// </summary>
    Task CloseActivityAsync(CallRecord call, CancellationToken cancellationToken = default);

    /// <summary>Creates a consent log row for the event unless one for the same call and event already exists; true when it was created now.</summary>
    Task<bool> EnsureConsentLogAsync(CallRecord call, ConsentEvent consentEvent, CancellationToken cancellationToken = default);
}

/// <summary>The customer to call and the record the call is regarding.</summary>
/// <param name="Customer">The consent fields, as the consent engine's reader takes them (its <c>Id</c> is <paramref name="CustomerRef"/>'s key).</param>
public sealed record CallTarget(CrmContact Customer, CrmRecordRef CustomerRef, CrmRecordRef Regarding);

/// <summary>The rep placing a call.</summary>
/// <param name="User">The CRM user.</param>
/// <param name="Region">Where the rep calls from (an ISO 3166 code as written in the CRM), if known.</param>
/// <param name="RegionSource">Where <paramref name="Region"/> came from, in words ("territory West Coast", "user address TX, United States").</param>
public sealed record RepProfile(CrmUser User, string? Region, string? RegionSource = null)
{
    public string? Name => User.Name;
}

/// <summary>The record dialled from cannot be called (no contact on the opportunity, an account as customer, ...).</summary>
public sealed class CallTargetException(string message) : Exception(message);
