namespace CrmRecording.Core.Reports;

/// <summary>
/// The compliance report over a period: every figure a manager or an auditor asks about, computed once by
/// <see cref="ComplianceReportBuilder"/> from the stores' raw rows, and rendered as JSON, CSV, text and HTML from this
/// one value. Times are in the viewer's zone (<see cref="ReportPeriodView.TimeZone"/>), each with its UTC offset.
/// </summary>
/// <param name="Empty">True when no call was placed and nothing was audited in the period: the figures below are zeros, not data.</param>
/// <param name="EmptyText">Says so in words when <paramref name="Empty"/>; null otherwise.</param>
public sealed record ComplianceReport(
    string Title,
    ReportPeriodView Period,
    DateTimeOffset GeneratedAt,
    bool Empty,
    string? EmptyText,
    CallFigures Calls,
    ConsentFigures Consent,
    LawfulBasisFigures RecordedWithoutConsent,
    IReadOnlyList<ManualStartLine> ManualStarts,
    PauseFigures Pauses,
    IReadOnlyList<LostRecordingLine> LostRecordings,
    AccessFigures Access,
    RetentionFigures Retention,
    AuditFigures Audit,
    RulesFigures Rules)
{
    public const string DefaultTitle = "Call recording compliance report";
}

/// <summary>The period and filters the report covers: calls placed in [<paramref name="From"/>, <paramref name="To"/>).</summary>
/// <param name="TimeZone">The IANA zone every time in the report is shown in (e.g. <c>America/New_York</c>).</param>
public sealed record ReportPeriodView(DateTimeOffset From, DateTimeOffset To, string TimeZone, string? Team, string? Rep, string? Jurisdiction);

/// <summary>A CRM user as the report names them: the CRM's id, and the name the calls recorded when one did.</summary>
public sealed record ReportUser(string Id, string? Name);

/// <summary>A record in a CRM: <paramref name="Url"/> opens it there when the CRM's web address is known.</summary>
public sealed record ReportCrmLink(string Crm, string Entity, string Id, string? Url);

/// <summary>A recording in the vault: <paramref name="PlayerUrl"/> is the service's player page for it.</summary>
public sealed record ReportRecordingLink(string RecordingId, string PlayerUrl);

/// <summary>A call as lists in the report show it, with links to its recordings and CRM records.</summary>
/// <param name="Jurisdiction">The deciding jurisdiction (the strictest weighed); null when the call did not record it.</param>
public sealed record ReportCallLine(
    string CallId,
    string Crm,
    ReportUser Rep,
    DateTimeOffset PlacedAt,
    string Decision,
    string? Jurisdiction,
    IReadOnlyList<ReportRecordingLink> Recordings,
    ReportCrmLink Record,
    ReportCrmLink Customer,
    ReportCrmLink? Activity);
