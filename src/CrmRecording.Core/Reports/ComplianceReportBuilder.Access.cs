namespace CrmRecording.Core.Reports;

/// <summary>Listens, views and refusals in the period, by user and by what granted them.</summary>
public static partial class ComplianceReportBuilder
{
    public const string NoRole = "none";

    private static AccessFigures AccessOf(List<ReportAuditRow> periodAudit, CallLines lines, IReadOnlyList<ReportCallRow> allCalls)
    {
        var crmOf = CrmOfRecordings(allCalls);
        var relevant = periodAudit.Where(a => a.Action is AuditDetail.Listen or AuditDetail.View or AuditDetail.Refusal)
            .Select(a => (Event: a, User: AuditDetail.UserId(a.Actor)))
            .ToList();
        var users = relevant.GroupBy(r => r.User, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var events = g.Select(r => r.Event).ToList();
                // The latest basis: newest first, stopping at the first event that states one.
                var role = events.Where(e => e.Action != AuditDetail.Refusal).OrderByDescending(e => e.At).ThenByDescending(e => e.Sequence)
                    .Select(e => AuditDetail.Basis(e.Detail)).FirstOrDefault(b => b is not null) ?? NoRole;
                return new AccessByUser(lines.User(g.Key), role, ListensOf(events), events.Count(e => e.Action == AuditDetail.Listen), events.Count(e => e.Action == AuditDetail.View), events.Count(e => e.Action == AuditDetail.Refusal));
            })
            .OrderByDescending(u => u.Listens).ThenByDescending(u => u.ListenSessions).ThenBy(u => u.User.Id, StringComparer.Ordinal)
            .ToList();
        return new AccessFigures(
            ListensOf(relevant.Select(r => r.Event)),
            relevant.Count(r => r.Event.Action == AuditDetail.Listen),
            relevant.Count(r => r.Event.Action == AuditDetail.View),
            relevant.Count(r => r.Event.Action == AuditDetail.Refusal),
            users,
            users.GroupBy(u => u.Role, StringComparer.Ordinal)
                .Select(g => new AccessByRole(g.Key, g.Count(), g.Sum(u => u.Listens), g.Sum(u => u.ListenSessions), g.Sum(u => u.Views)))
                .OrderByDescending(r => r.Listens).ThenBy(r => r.Role, StringComparer.Ordinal).ToList(),
            relevant.Where(r => r.Event.Action == AuditDetail.Refusal).OrderBy(r => r.Event.At).ThenBy(r => r.Event.Sequence)
                .Select(r => new AccessRefusalLine(
                    lines.Zone.Show(r.Event.At),
                    lines.User(r.User),
                    r.Event.RecordingId is { } id ? lines.Recording(crmOf.GetValueOrDefault(id, "dynamics"), id) : null,
                    AuditDetail.Reason(r.Event.Detail) ?? "no reason recorded"))
                .ToList());
    }

    /// <summary>A listen is a (user, recording) pair with audio served, however many range requests it took.</summary>
    private static int ListensOf(IEnumerable<ReportAuditRow> events) =>
        events.Where(e => e.Action == AuditDetail.Listen && e.RecordingId is not null)
            .Select(e => (AuditDetail.UserId(e.Actor).ToUpperInvariant(), e.RecordingId!))
            .Distinct()
            .Count();

    /// <summary>Which CRM each stored recording's call was placed in, for the player's sign-in.</summary>
    private static Dictionary<string, string> CrmOfRecordings(IEnumerable<ReportCallRow> calls)
    {
        var crm = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            foreach (var recording in call.Recordings.Where(r => r.VaultId is not null))
            {
                crm[recording.VaultId!] = call.Crm;
            }
        }

        return crm;
    }
}
