namespace CrmRecording.Core.Reports;

/// <summary>
/// Computes the compliance report from the stores' rows. Pure: the rows, the request, the moment the report is made
/// and the link builders come in; nothing is read or written. Each figure is defined in exactly one place below.
/// </summary>
public static partial class ComplianceReportBuilder
{
    /// <summary>How far ahead <see cref="RetentionFigures.DueForDeletion"/> looks.</summary>
    public static readonly TimeSpan DueWindow = TimeSpan.FromDays(30);

    public static readonly IReadOnlyList<string> Decisions = ["record", "record-after-notice", "record-after-consent", "do-not-record"];

    public static ComplianceReport Build(ReportRequest request, ReportSources sources, DateTimeOffset now, ReportLinks links)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(links);
        var zone = new ReportZone(request.Zone);
        var calls = sources.Calls.Where(c => InScope(request, c)).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var names = RepNames(sources.Calls);
        var lines = new CallLines(links, zone, names, sources.Calls);
        var periodAudit = sources.Audit.Where(a => a.At >= request.From && a.At < request.To).ToList();
        var empty = calls.Count == 0 && periodAudit.Count == 0;
        return new ComplianceReport(
            ComplianceReport.DefaultTitle,
            new ReportPeriodView(zone.Show(request.From), zone.Show(request.To), request.Zone.Id, request.Team, request.Rep, request.Jurisdiction),
            zone.Show(now),
            empty,
            empty ? EmptyText(request, zone) : null,
            CallsOf(calls),
            ConsentOf(calls),
            LawfulBasisOf(calls, lines),
            ManualStartsOf(calls, sources.Audit, lines, now),
            PausesOf(calls, lines),
            LostOf(calls, lines),
            AccessOf(periodAudit, lines),
            RetentionOf(sources.Recordings, periodAudit, lines, now),
            AuditOf(sources.Chain, zone),
            RulesOf(sources.Rules, calls));
    }

    /// <summary>The rep, team and jurisdiction filters, and the period (the store may return a wider range).</summary>
    private static bool InScope(ReportRequest request, ReportCallRow call) =>
        call.CreatedAt >= request.From && call.CreatedAt < request.To
        && (request.Rep is null || string.Equals(call.RepId, request.Rep, StringComparison.OrdinalIgnoreCase))
        && (request.TeamMembers is null || request.TeamMembers.Contains(call.RepId))
        && (request.Jurisdiction is null || DecidedBy(call, request.Jurisdiction));

    private static bool DecidedBy(ReportCallRow call, string code) => call.DecidingJurisdiction is { } deciding
        ? string.Equals(deciding, code, StringComparison.OrdinalIgnoreCase)
        : call.Jurisdictions.Contains(code, StringComparer.OrdinalIgnoreCase);

    private static string EmptyText(ReportRequest request, ReportZone zone)
    {
        var scope = string.Join(string.Empty, new[]
        {
            request.Team is null ? null : $" for team {request.Team}",
            request.Rep is null ? null : $" by rep {request.Rep}",
            request.Jurisdiction is null ? null : $" decided by {request.Jurisdiction}",
        }.Where(s => s is not null));
        return $"No calls were placed{scope} and nothing was audited from {zone.Text(request.From)} to {zone.Text(request.To)} ({request.Zone.Id}).";
    }

    /// <summary>The name each rep's calls recorded (the latest one), by CRM id.</summary>
    private static Dictionary<string, string> RepNames(IEnumerable<ReportCallRow> calls)
    {
        // One pass, no sort: a rep's latest call wins (among calls placed at the same instant, the later one listed).
        var latest = new Dictionary<string, (DateTimeOffset At, string Name)>(StringComparer.OrdinalIgnoreCase);
        foreach (var call in calls)
        {
            if (call.RepName is { Length: > 0 } name && (!latest.TryGetValue(call.RepId, out var known) || call.CreatedAt >= known.At))
            {
                latest[call.RepId] = (call.CreatedAt, name);
            }
        }

        return latest.ToDictionary(p => p.Key, p => p.Value.Name, StringComparer.OrdinalIgnoreCase);
    }
}
