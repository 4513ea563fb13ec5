using CrmRecording.Plugins.Ports;

namespace CrmRecording.Service.Calls;

/// <summary>What the call flow reads from and writes to the CRM (Dataverse today; Salesforce later).</summary>
internal interface ICallCrm
{
    /// <summary>The contact or lead to call for a contact, lead or opportunity row; null when the row does not exist.</summary>
    /// <exception cref="CallTargetException">The row exists but has nobody callable (e.g. an opportunity without a contact).</exception>
    Task<CallTarget?> GetTargetAsync(string entity, Guid id, CancellationToken cancellationToken = default);

    /// <summary>The rep, with their region (territory's jurisdiction, else address) as an ISO 3166 code if known; null when the user does not exist.</summary>
    Task<RepProfile?> GetRepAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Creates the outgoing phone call activity regarding the row dialled from; returns its id.</summary>
    Task<Guid> CreatePhoneCallAsync(CallRecord call, string subject, CancellationToken cancellationToken = default);

    /// <summary>Writes the recording link, duration, decision and consent summary onto the phone call.</summary>
    Task UpdatePhoneCallAsync(Guid phoneCallId, string? recordingUrl, int? recordedSeconds, CallRecord call, CancellationToken cancellationToken = default);

    /// <summary>Creates a consent log row for the event unless one for the same call and event already exists.</summary>
    Task<bool> EnsureConsentLogAsync(CallRecord call, ConsentEvent consentEvent, CancellationToken cancellationToken = default);
}

/// <summary>The customer to call and the row the call is regarding.</summary>
public sealed record CallTarget(CrmContact Customer, string RegardingTable, Guid RegardingId);

/// <summary>The rep placing a call.</summary>
/// <param name="Region">Where the rep calls from (an ISO 3166 code as written in the CRM), if known.</param>
/// <param name="RegionSource">Where <paramref name="Region"/> came from, in words ("territory West Coast", "user address TX, United States").</param>
public sealed record RepProfile(Guid Id, string? Name, string? Region, string? RegionSource = null);

/// <summary>The row dialled from cannot be called (no contact on the opportunity, an account as customer, ...).</summary>
public sealed class CallTargetException(string message) : Exception(message);
