namespace CrmRecording.Core.Reports;

/// <summary>
/// One call's evidence as the report reads it: the decision with its deciding jurisdiction and rule, every consent
/// event, pause and recording, the hand start; no phone number. <see cref="ToRow"/> derives what the report counts,
/// which the call store keeps alongside each call when it saves it.
/// </summary>
/// <param name="RepId">The rep's id in the CRM.</param>
/// <param name="Decision">The decision's wire name (<c>record-after-consent</c>).</param>
/// <param name="DecidingJurisdiction">The strictest jurisdiction weighed; null on calls stored before it was kept.</param>
/// <param name="DecidingRule">Its rule's wire name (<c>one-party</c>); null when not kept.</param>
public sealed record ReportCallEvidence(
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
    IReadOnlyList<ReportCallRecording> Recordings)
{
    /// <summary>The kinds of consent event that answer the consent question.</summary>
    public static readonly IReadOnlyList<string> Answers = ["consent-granted", "consent-declined", "consent-timeout", "consent-unrecognized"];

    /// <summary>What the report counts of this call: each derived figure is defined here and nowhere else.</summary>
    public ReportCallRow ToRow() => new(
        Id,
        Crm,
        RepId,
        RepName,
        Decision,
        Jurisdictions,
        DecidingJurisdiction,
        DecidingRule,
        RulesVersion,
        CreatedAt,
        EndedAt,
        Record,
        Customer,
        Activity,
        LastAnswer(),
        PausedSpans.Count,
        PausedSpans.Sum(PausedMilliseconds),
        Recordings.Any(r => r.Status != "discarded"),
        Recordings.Where(r => r.VaultId is not null).Select(r => r.VaultId!).ToList(),
        PauseRefusals,
        ManualStart,
        Recordings.Where(r => r.Status == "lost").Select(r => new ReportLostRecording(r.RecordingSid, r.Problem)).ToList());

    /// <summary>The last answer logged to the consent question (of answers logged at the same instant, the later listed).</summary>
    private ReportConsentAnswer? LastAnswer()
    {
        ReportConsentEvent? last = null;
        foreach (var e in ConsentEvents)
        {
            if (Answers.Contains(e.Kind) && (last is null || e.At >= last.At))
            {
                last = e;
            }
        }

        return last is null ? null : new ReportConsentAnswer(last.Kind, last.DisclosureKind, last.DisclosureVersion);
    }

    /// <summary>A span still open when the call ended lasts until the end; one with no end known counts nothing.</summary>
    private long PausedMilliseconds(ReportPausedSpan span)
    {
        var end = span.ResumedAt ?? EndedAt ?? span.PausedAt;
        return Math.Max(0, (long)Math.Round((end - span.PausedAt).TotalMilliseconds));
    }
}

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
