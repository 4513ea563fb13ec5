using CrmRecording.Core.Reports;

namespace CrmRecording.Core.Tests.Reports;

/// <summary>
/// Each figure of the report recomputed straight from the generated calls' evidence and rows, written independently of the builder
/// (loops and per-call switches over the raw lists), as (section, subject, measure) → value like the CSV.
/// </summary>
internal static class ReportExpectations
{
    public static Dictionary<string, long> Of(IReadOnlyList<ReportCallEvidence> calls, ReportSources s, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var e = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(string key, long value = 1) => e[key] = e.GetValueOrDefault(key) + value;
        var inPeriod = calls.Where(c => from <= c.CreatedAt && c.CreatedAt < to).ToList();
        e["calls||total"] = inPeriod.Count;
        foreach (var d in new[] { "record", "record-after-notice", "record-after-consent", "do-not-record" })
        {
            e[$"calls.byDecision|{d}|calls"] = 0;
        }

        foreach (var call in inPeriod)
        {
            var j = call.DecidingJurisdiction ?? "unknown";
            Add($"calls.byDecision|{call.Decision}|calls");
            Add($"calls.byJurisdiction|{j}|calls");
            Add($"calls.byJurisdiction|{j}|{call.Decision}|calls");
            if (call.Decision == "record-after-consent")
            {
                ReportConsentEvent? answer = null;
                foreach (var ev in call.ConsentEvents)
                {
                    if (ev.Kind.StartsWith("consent-", StringComparison.Ordinal) && (answer is null || ev.At >= answer.At))
                    {
                        answer = ev;
                    }
                }

                if (answer is not null)
                {
                    var measure = answer.Kind switch { "consent-granted" => "granted", "consent-declined" => "declined", "consent-timeout" => "noAnswer", _ => "unrecognized" };
                    foreach (var prefix in new[] { "consent|", $"consent.byJurisdiction|{j}", $"consent.byDisclosure|{answer.DisclosureKind}|{answer.DisclosureVersion}" })
                    {
                        Add($"{prefix}|asked");
                        Add($"{prefix}|{measure}");
                    }
                }
            }

            if ((call.Decision == "record" || call.Decision == "record-after-notice") && call.Recordings.Any(r => r.Status != "discarded"))
            {
                Add("recordedWithoutConsent||calls");
                Add($"recordedWithoutConsent.byRule|{call.DecidingRule ?? "unknown"}|{j}|{call.Decision}|{call.RulesVersion}|calls");
            }

            if (call.ManualStart is not null)
            {
                Add("manualStarts||count");
            }

            foreach (var span in call.PausedSpans)
            {
                Add("pauses||pauses");
                var end = span.ResumedAt ?? call.EndedAt;
                Add("pauses||pausedMs", end is { } x && x > span.PausedAt ? (long)Math.Round((x - span.PausedAt).TotalMilliseconds) : 0);
            }

            Add("pauses||callsWithPauses", call.PausedSpans.Count > 0 ? 1 : 0);
            Add("pauses||refusedPauses", call.PauseRefusals.Count);
            Add("lostRecordings||count", call.Recordings.Count(r => r.Status == "lost"));
        }

        var periodAudit = s.Audit.Where(a => from <= a.At && a.At < to).ToList();
        var listens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in periodAudit)
        {
            var user = a.Actor[(a.Actor.IndexOf(':', StringComparison.Ordinal) + 1)..];
            switch (a.Action)
            {
                case "playback":
                    Add("access||listenSessions");
                    Add($"access.byUser|{user}|listenSessions");
                    listens.Add(user.ToUpperInvariant() + "/" + a.RecordingId);
                    break;
                case "recording-viewed":
                    Add("access||views");
                    Add($"access.byUser|{user}|views");
                    break;
                case "playback-denied":
                    Add("access||refusals");
                    Add($"access.byUser|{user}|refusals");
                    break;
                case "retention-delete":
                    Add("retention||deletedByRetention");
                    break;
            }
        }

        e["access||listens"] = listens.Count;
        foreach (var group in listens.GroupBy(l => l[..l.IndexOf('/', StringComparison.Ordinal)]))
        {
            var id = periodAudit.First(a => a.Actor.EndsWith(group.Key, StringComparison.OrdinalIgnoreCase)).Actor;
            e[$"access.byUser|{id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..]}|listens"] = group.Count();
        }

        var dueBy = now.AddDays(30);
        e["retention||dueForDeletion"] = s.Recordings.Count(r => r.HeldAt is null && r.DeleteAfter is { } d && d < dueBy);
        e["retention||holds"] = s.Recordings.Count(r => r.HeldAt is not null);
        e["retention||erasures"] = periodAudit.Where(a => a.Action is "erase" or "erase-kept").Select(a => a.Detail!.Split(';')[0]).Distinct().Count();
        e["audit||events"] = s.Chain.Events;
        return e;
    }
}
