using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls.State;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Calls;

/// <summary>
/// A call as the dialer API answers it (<c>GET /api/calls/{id}</c> and the recording controls): built from the stored
/// call, so the store's document can change without changing what clients read. Shown to the call's rep, the rep's
/// manager and recording reviewers. The call's <see cref="CallRecord.Seconds"/> is kept for the CRM activity, not shown here.
/// </summary>
/// <param name="Decision">record, record-after-notice, record-after-consent or do-not-record.</param>
/// <param name="Status">placing, ringing, in-progress, completed, busy, failed, no-answer or canceled.</param>
public sealed record CallView(
    string Id,
    string Crm,
    string Entity,
    Guid RecordId,
    CrmRecordRef? RecordRef,
    string CustomerTable,
    Guid CustomerId,
    CrmRecordRef? CustomerRef,
    Guid RepUserId,
    string? RepRef,
    string? RepName,
    string CustomerPhone,
    string CustomerPhoneShown,
    string Decision,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Jurisdictions,
    string RulesVersion,
    Uri CallbackBase,
    string Language,
    Guid? PhoneCallId,
    CrmRecordRef? ActivityRef,
    string? TwilioCallSid,
    string? CustomerCallSid,
    string Status,
    bool RecordingAllowed,
    IReadOnlyList<ConsentEvent> ConsentEvents,
    IReadOnlyList<PausedSpan> PausedSpans,
    IReadOnlyList<CallRecording> Recordings,
    ManualStart? ManualStart,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    long Version)
{
    public static CallView From(CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(
            call.Id,
            call.Crm,
            call.Entity,
            call.RecordId,
            call.RecordRef,
            call.CustomerTable,
            call.CustomerId,
            call.CustomerRef,
            call.RepUserId,
            call.RepRef,
            call.RepName,
            call.CustomerPhone,
            call.CustomerPhoneShown,
            call.Decision.ToWireName(),
            call.Reasons,
            call.Jurisdictions,
            call.RulesVersion,
            call.CallbackBase,
            call.Language,
            call.PhoneCallId,
            call.ActivityRef,
            call.TwilioCallSid,
            call.CustomerCallSid,
            call.Status.ToWireName(),
            call.RecordingAllowed,
            call.ConsentEvents,
            call.PausedSpans,
            call.Recordings,
            call.ManualStart,
            call.CreatedAt,
            call.EndedAt,
            call.Version);
    }
}

/// <summary>A call whose recording a rep started by hand, as the compliance list shows it.</summary>
public sealed record ManualStartListing(string CallId, Guid RepUserId, ManualStart? ManualStart, string Decision, Guid? PhoneCallId, string CustomerTable, Guid CustomerId)
{
    public static ManualStartListing From(CallRecord call) =>
        new(call.Id, call.RepUserId, call.ManualStart, call.Decision.ToWireName(), call.PhoneCallId, call.CustomerTable, call.CustomerId);
}
