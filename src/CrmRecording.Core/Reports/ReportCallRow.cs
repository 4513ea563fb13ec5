namespace CrmRecording.Core.Reports;

/// <summary>
/// One call as the report counts it (<see cref="ReportCallEvidence.ToRow"/>): the decision, the last consent answer,
/// pause totals, the recordings' vault ids, and in full only what the report lists line by line (refused pauses, the
/// hand start, lost recordings). The call store keeps these fields beside each call, so a report reads no documents.
/// </summary>
/// <param name="ConsentAnswer">The last answer to the consent question; null when none was logged.</param>
/// <param name="PausedSpans">How many times recording was paused.</param>
/// <param name="PausedMilliseconds">How long it stayed paused in all (a span open at the end lasts until the end).</param>
/// <param name="Recorded">Whether a recording was made and not discarded.</param>
/// <param name="VaultIds">The vault's ids of the call's stored recordings.</param>
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
    ReportConsentAnswer? ConsentAnswer,
    int PausedSpans,
    long PausedMilliseconds,
    bool Recorded,
    IReadOnlyList<string> VaultIds,
    IReadOnlyList<ReportPauseRefusal> PauseRefusals,
    ReportManualStart? ManualStart,
    IReadOnlyList<ReportLostRecording> LostRecordings);

/// <param name="Kind">consent-granted, consent-declined, consent-timeout or consent-unrecognized.</param>
public sealed record ReportConsentAnswer(string Kind, string DisclosureKind, string DisclosureVersion);

/// <param name="Problem">Why it ended without audio; null when no reason was recorded.</param>
public sealed record ReportLostRecording(string RecordingSid, string? Problem);
