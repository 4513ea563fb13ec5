namespace CrmRecording.Core.Reports;

/// <summary>Hand starts and their reviews, PCI pauses, and lost recordings.</summary>
public static partial class ComplianceReportBuilder
{
    private static List<ManualStartLine> ManualStartsOf(List<ReportCallRow> calls, IReadOnlyList<ReportAuditRow> audit, CallLines lines, DateTimeOffset now)
    {
        var started = calls.Where(c => c.ManualStart is not null).ToList();
        var recordings = started.SelectMany(c => c.VaultIds).ToHashSet(StringComparer.Ordinal);
        // One pass over the trail: the grants on the hand-started calls' recordings, by recording.
        var grants = audit.Where(a => a.At <= now && a.RecordingId is { } id && recordings.Contains(id) && AuditDetail.IsGrant(a.Action))
            .ToLookup(a => a.RecordingId!, StringComparer.Ordinal);
        return started.Select(c => new ManualStartLine(
                lines.Line(c),
                lines.Zone.Show(c.ManualStart!.At),
                lines.User(c.ManualStart.By),
                c.ManualStart.Attestation,
                ReviewOf(c, grants, lines)))
            .ToList();
    }

    /// <summary>The first access to the call's recordings granted to someone other than its rep.</summary>
    private static ReportReview? ReviewOf(ReportCallRow call, ILookup<string, ReportAuditRow> grants, CallLines lines)
    {
        var first = call.VaultIds.SelectMany(id => grants[id])
            .Where(a => !string.Equals(AuditDetail.UserId(a.Actor), call.RepId, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.At).ThenBy(a => a.Sequence)
            .FirstOrDefault();
        return first is null ? null : new ReportReview(lines.User(AuditDetail.UserId(first.Actor)), AuditDetail.Basis(first.Detail) ?? Unknown, lines.Zone.Show(first.At));
    }

    private static PauseFigures PausesOf(List<ReportCallRow> calls, CallLines lines)
    {
        var refusals = calls.SelectMany(c => c.PauseRefusals.Select(r => (Call: c, Refusal: r))).OrderBy(r => r.Refusal.At).ToList();
        return new PauseFigures(
            calls.Sum(c => c.PausedSpans),
            calls.Sum(c => c.PausedMilliseconds) / 1000.0,
            calls.Count(c => c.PausedSpans > 0),
            refusals.Count,
            refusals.Select(r => new PauseRefusalLine(lines.Line(r.Call), lines.Zone.Show(r.Refusal.At), r.Refusal.Reason)).ToList());
    }

    private static List<LostRecordingLine> LostOf(List<ReportCallRow> calls, CallLines lines) =>
        calls.SelectMany(c => c.LostRecordings.Select(r => new LostRecordingLine(lines.Line(c), r.RecordingSid, r.Problem ?? "no reason recorded")))
            .ToList();
}
