namespace CrmRecording.Core.Reports;

/// <summary>Deletions due, holds, erasures, the audit chain and the rules in force.</summary>
public static partial class ComplianceReportBuilder
{
    /// <summary>A recording deleted by an erasure request (vault action).</summary>
    public const string EraseAction = "erase";

    /// <summary>A recording an erasure request could not delete (on hold), with why.</summary>
    public const string EraseKeptAction = "erase-kept";

    public const string RetentionDeleteAction = "retention-delete";

    private const string ContactMarker = "contact ";

    private static RetentionFigures RetentionOf(IReadOnlyList<ReportRecordingRow> recordings, List<ReportAuditRow> periodAudit, CallLines lines, DateTimeOffset now)
    {
        ReportRecordingLink Link(string id) => lines.StoredRecording(id);
        var dueBy = now + DueWindow;
        return new RetentionFigures(
            lines.Zone.Show(dueBy),
            recordings.Where(r => r.HeldAt is null && r.DeleteAfter is { } d && d < dueBy)
                .OrderBy(r => r.DeleteAfter).ThenBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => new RetentionLine(Link(r.Id), r.RetentionClass, lines.Zone.Show(r.DeleteAfter!.Value), r.CallId))
                .ToList(),
            recordings.Where(r => r.HeldAt is not null)
                .OrderBy(r => r.HeldAt).ThenBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => new HoldLine(Link(r.Id), r.HoldReason ?? "no reason recorded", lines.Zone.Show(r.HeldAt!.Value)))
                .ToList(),
            periodAudit.Where(a => a.Action is EraseAction or EraseKeptAction)
                .GroupBy(a => SubjectOf(a.Detail), StringComparer.Ordinal)
                .Select(g => new ErasureLine(
                    lines.Zone.Show(g.Min(a => a.At)),
                    g.OrderBy(a => a.Sequence).First().Actor,
                    g.Key,
                    g.Where(a => a.Action == EraseAction && a.RecordingId is not null).Select(a => a.RecordingId!).ToList(),
                    g.Where(a => a.Action == EraseKeptAction && a.RecordingId is not null).Select(a => new ErasureKept(Link(a.RecordingId!), KeptReason(a.Detail))).ToList()))
                .OrderBy(e => e.At)
                .ToList(),
            periodAudit.Count(a => a.Action == RetentionDeleteAction));
    }

    /// <summary>The contact named in <c>erasure request for contact {id}; …</c>.</summary>
    private static string SubjectOf(string? detail)
    {
        var at = detail?.IndexOf(ContactMarker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return Unknown;
        }

        var rest = detail![(at + ContactMarker.Length)..];
        var end = rest.IndexOf(';', StringComparison.Ordinal);
        return (end < 0 ? rest : rest[..end]).Trim();
    }

    private static string KeptReason(string? detail)
    {
        var at = detail?.IndexOf("; ", StringComparison.Ordinal) ?? -1;
        return at < 0 ? "no reason recorded" : detail![(at + 2)..];
    }

    private static AuditFigures AuditOf(AuditChainState chain, ReportZone zone) =>
        new(chain.Intact, chain.Events, chain.LastSequence, zone.Show(chain.LastAt), chain.LastAction, chain.BrokenAt, chain.BrokenReason);

    private static RulesFigures RulesOf(ReportRules rules, List<ReportCallRow> calls) => new(
        rules.InForce,
        rules.PolicyVersion,
        rules.Overrides,
        calls.GroupBy(c => c.RulesVersion, StringComparer.Ordinal)
            .Select(g => new VersionCount(g.Key, g.Count()))
            .OrderByDescending(v => v.Calls).ThenBy(v => v.RulesVersion, StringComparer.Ordinal).ToList());
}
