namespace CrmRecording.Core.Reports;

/// <summary>
/// One call as the call store returns it for a report: the decision with its deciding jurisdiction and rule, the
/// consent evidence, pauses, the hand start and the recordings; no phone number.
/// </summary>
/// <param name="RepId">The rep's id in the CRM.</param>
/// <param name="Decision">The decision's wire name (<c>record-after-consent</c>).</param>
/// <param name="DecidingJurisdiction">The strictest jurisdiction weighed; null on calls stored before it was kept.</param>
/// <param name="DecidingRule">Its rule's wire name (<c>one-party</c>); null when not kept.</param>
public sealed record ReportCallRow(
    string Id,
    string Crm,
    string RepId,
    string? RepName,
    string Decision,
    IReadOnlyList<string> Jurisdictions,
    string? DecidingJurisdiction,
    string? DecidingRule,
    string RulesVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    ReportCrmRef Record,
    ReportCrmRef Customer,
    ReportCrmRef? Activity,
    IReadOnlyList<ReportConsentEvent> ConsentEvents,
    IReadOnlyList<ReportPausedSpan> PausedSpans,
    IReadOnlyList<ReportPauseRefusal> PauseRefusals,
    ReportManualStart? ManualStart,
    IReadOnlyList<ReportCallRecording> Recordings);

/// <summary>A record by its CRM's own id.</summary>
public sealed record ReportCrmRef(string Crm, string Entity, string Id);

/// <param name="Kind">disclosure-played, consent-granted, consent-declined, consent-timeout, consent-unrecognized, manual-start.</param>
public sealed record ReportConsentEvent(string Kind, DateTimeOffset At, string DisclosureKind, string DisclosureVersion);

public sealed record ReportPausedSpan(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt);

public sealed record ReportPauseRefusal(DateTimeOffset At, string Reason);

/// <param name="By">The rep's id in the CRM.</param>
public sealed record ReportManualStart(string By, DateTimeOffset At, string Attestation);

/// <param name="Status">in-progress, paused, stopped, ingesting, stored, discarded, absent, failed or lost.</param>
/// <param name="VaultId">The vault's id once stored.</param>
/// <param name="Problem">Why it ended without audio.</param>
public sealed record ReportCallRecording(string RecordingSid, string Status, string? VaultId, string? Problem);
