namespace CrmRecording.Core.Reports;

/// <summary>A recording in the vault that retention or a hold concerns (not deleted).</summary>
public sealed record ReportRecordingRow(string Id, string? CallId, DateTimeOffset CreatedAt, string RetentionClass, DateTimeOffset? DeleteAfter, string? HoldReason, DateTimeOffset? HeldAt);

/// <summary>An event of the audit trail as stored.</summary>
/// <param name="Actor"><c>crm-user:{guid}</c>, <c>sf-user:{id}</c>, a service identity or an operating-system user.</param>
public sealed record ReportAuditRow(long Sequence, DateTimeOffset At, string Action, string Actor, string? RecordingId, string? Detail);

/// <summary>What verifying the whole audit chain found, as the vault reports it.</summary>
public sealed record AuditChainState(long Events, long? LastSequence, DateTimeOffset? LastAt, string? LastAction, long? BrokenAt, string? BrokenReason)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>The rules data and policy in force, as the service has them loaded.</summary>
public sealed record ReportRules(string InForce, string PolicyVersion, IReadOnlyList<OverrideLine> Overrides);

/// <summary>
/// How the report links out: the service's player page for a recording of a call in a CRM, and a CRM's own page for a
/// record (null when that CRM's web address is not configured). Passed in, so the builder knows no configuration.
/// </summary>
public sealed record ReportLinks(Func<string, string, string> Player, Func<ReportCrmRef, string?> Record)
{
    /// <summary><c>/recordings/{id}</c>, with <c>?crm=salesforce</c> for a Salesforce call; no CRM pages.</summary>
    public static ReportLinks PlayerOnly { get; } = new(DefaultPlayer, _ => null);

    public static string DefaultPlayer(string crm, string recordingId) =>
        "/recordings/" + Uri.EscapeDataString(recordingId) + (crm == "salesforce" ? "?crm=salesforce" : string.Empty);
}

/// <summary>Everything the report is computed from: the rows the stores returned for the request, and the state they cannot give per row.</summary>
/// <param name="Calls">Calls placed in [From, To) (the builder applies the rep, team and jurisdiction filters).</param>
/// <param name="Recordings">Recordings not deleted that are on hold or due before the look-ahead's end.</param>
/// <param name="Audit">Audit events from the period's start until the report is made (reviews of hand starts may come after the period).</param>
public sealed record ReportSources(
    IReadOnlyList<ReportCallRow> Calls,
    IReadOnlyList<ReportRecordingRow> Recordings,
    IReadOnlyList<ReportAuditRow> Audit,
    AuditChainState Chain,
    ReportRules Rules);
