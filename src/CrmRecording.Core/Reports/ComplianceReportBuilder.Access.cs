namespace CrmRecording.Core.Reports;

/// <summary>Listens, views and refusals in the period, by user and by what granted them.</summary>
public static partial class ComplianceReportBuilder
{
    public const string NoRole = "none";

    private static AccessFigures AccessOf(List<ReportAuditRow> periodAudit, CallLines lines)
    {
        // One pass over the period's trail, each user's events gathered as they come (user ids compare case-blind).
        var users = new Dictionary<string, UserAccess>(StringComparer.OrdinalIgnoreCase);
        var refusals = new List<(ReportAuditRow Event, string User)>();
        foreach (var a in periodAudit)
        {
            if (a.Action is not (AuditDetail.Listen or AuditDetail.View or AuditDetail.Refusal))
            {
                continue;
            }

            var user = AuditDetail.UserId(a.Actor);
            if (!users.TryGetValue(user, out var access))
            {
                users[user] = access = new UserAccess(user);
            }

            access.Add(a);
            if (a.Action == AuditDetail.Refusal)
            {
                refusals.Add((a, user));
            }
        }

        var byUser = users.Values
            .Select(u => new AccessByUser(lines.User(u.Id), u.Role(), u.Recordings.Count, u.Sessions, u.Views, u.Refusals))
            .OrderByDescending(u => u.Listens).ThenByDescending(u => u.ListenSessions).ThenBy(u => u.User.Id, StringComparer.Ordinal)
            .ToList();
        return new AccessFigures(
            byUser.Sum(u => u.Listens),
            byUser.Sum(u => u.ListenSessions),
            byUser.Sum(u => u.Views),
            refusals.Count,
            byUser,
            byUser.GroupBy(u => u.Role, StringComparer.Ordinal)
                .Select(g => new AccessByRole(g.Key, g.Count(), g.Sum(u => u.Listens), g.Sum(u => u.ListenSessions), g.Sum(u => u.Views)))
                .OrderByDescending(r => r.Listens).ThenBy(r => r.Role, StringComparer.Ordinal).ToList(),
            refusals.OrderBy(r => r.Event.At).ThenBy(r => r.Event.Sequence)
                .Select(r => new AccessRefusalLine(
                    lines.Zone.Show(r.Event.At),
                    lines.User(r.User),
                    r.Event.RecordingId is { } id ? lines.StoredRecording(id) : null,
                    AuditDetail.Reason(r.Event.Detail) ?? "no reason recorded"))
                .ToList());
    }

    /// <summary>One user's listens, views and refusals in the period.</summary>
    private sealed class UserAccess(string id)
    {
        private readonly List<ReportAuditRow> _granted = [];

        public string Id => id;

        /// <summary>The recordings whose audio was served to the user: a listen is a (user, recording) pair, however many range requests it took.</summary>
        public HashSet<string> Recordings { get; } = new(StringComparer.Ordinal);

        public int Sessions { get; private set; }

        public int Views { get; private set; }

        public int Refusals { get; private set; }

        public void Add(ReportAuditRow e)
        {
            switch (e.Action)
            {
                case AuditDetail.Refusal:
                    Refusals++;
                    return;
                case AuditDetail.Listen:
                    Sessions++;
                    if (e.RecordingId is { } recording)
                    {
                        Recordings.Add(recording);
                    }

                    break;
                default:
                    Views++;
                    break;
            }

            _granted.Add(e);
        }

        /// <summary>The latest basis: newest first, stopping at the first event that states one.</summary>
        public string Role() =>
            _granted.OrderByDescending(e => e.At).ThenByDescending(e => e.Sequence).Select(e => AuditDetail.Basis(e.Detail)).FirstOrDefault(b => b is not null) ?? NoRole;
    }
}
