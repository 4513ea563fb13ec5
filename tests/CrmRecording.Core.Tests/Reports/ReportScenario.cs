using CrmRecording.Core.Reports;

namespace CrmRecording.Core.Tests.Reports;

/// <summary>
/// A generated period of calls, audit events and recordings, varied by a seed: every decision, consent answers, pauses
/// (some open at the end), refused pauses, hand starts reviewed or not, lost recordings, listens, views, refusals,
/// holds, erasures and retention deletions, some just outside the period.
/// </summary>
internal static class ReportScenario
{
    public static readonly DateTimeOffset From = new(2026, 11, 1, 5, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset To = new(2026, 12, 1, 5, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] Reps = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222", "005000000000001AAA"];
    public static readonly string[] Reviewers = ["33333333-3333-4333-8333-333333333333", "44444444-4444-4444-8444-444444444444"];
    private static readonly string[] Decisions = ["record", "record-after-notice", "record-after-consent", "do-not-record"];
    private static readonly string?[] Deciding = ["US-CA", "US-TX", "GB", "DE", null];
    private static readonly string?[] Rules = ["all-party", "one-party", "notice-required", "all-party", null];
    private static readonly string[] Answers = ["consent-granted", "consent-declined", "consent-timeout", "consent-unrecognized"];
    private static readonly string[] Bases = ["role:Recording Reviewer", "role:Recording Administrator", "owner", "owner-manager"];

    public static ReportSources Generate(int seed, int calls) => GenerateWithEvidence(seed, calls).Sources;

    /// <summary>The calls' evidence as generated, and the sources the report reads (each call's row derived from it).</summary>
    public static (IReadOnlyList<ReportCallEvidence> Evidence, ReportSources Sources) GenerateWithEvidence(int seed, int calls)
    {
        var random = new Random(seed);
        var rows = new List<ReportCallEvidence>();
        var audit = new List<ReportAuditRow>();
        var recordings = new List<ReportRecordingRow>();
        long seq = 0;
        void Audit(DateTimeOffset at, string action, string actor, string? recording, string? detail) => audit.Add(new ReportAuditRow(++seq, at, action, actor, recording, detail));
        for (var i = 0; i < calls; i++)
        {
            var created = From.AddMinutes(random.Next(-3 * 24 * 60, 33 * 24 * 60));
            var d = random.Next(Decisions.Length);
            var j = random.Next(Deciding.Length);
            var rep = Reps[random.Next(Reps.Length)];
            var crm = rep.Length == 18 ? "salesforce" : "dynamics";
            var ended = random.Next(10) == 0 ? (DateTimeOffset?)null : created.AddSeconds(random.Next(60, 1800));
            var events = new List<ReportConsentEvent>();
            if (Decisions[d] == "record-after-consent" && random.Next(5) > 0)
            {
                var version = random.Next(2) == 0 ? "3" : "4";
                events.Add(new ReportConsentEvent("disclosure-played", created.AddSeconds(5), "consent", version));
                events.Add(new ReportConsentEvent(Answers[random.Next(Answers.Length)], created.AddSeconds(9), "consent", version));
            }

            var spans = Enumerable.Range(0, random.Next(3) == 0 ? random.Next(1, 3) : 0)
                .Select(k => new ReportPausedSpan(created.AddSeconds(30 + (k * 100)), random.Next(4) == 0 ? null : created.AddSeconds(30 + (k * 100) + random.Next(5, 90))))
                .ToList();
            var refusals = random.Next(12) == 0 ? new List<ReportPauseRefusal> { new(created.AddSeconds(20), "Twilio refused (error 21220)") } : [];
            var manual = Decisions[d] != "do-not-record" && random.Next(8) == 0 ? new ReportManualStart(rep, created.AddSeconds(15), $"Customer agreed after I read the disclosure, call {i}") : null;
            var recs = new List<ReportCallRecording>();
            if (Decisions[d] != "do-not-record" && random.Next(6) > 0)
            {
                var status = random.Next(10) switch { 0 => "lost", 1 => "discarded", _ => "stored" };
                var vaultId = status == "stored" ? $"{i:x8}{seed:x8}0000000000000000" : null;
                recs.Add(new ReportCallRecording($"RE{i:x30}", status, vaultId, status == "lost" ? "Twilio no longer has it" : null));
                if (vaultId is not null)
                {
                    var held = random.Next(15) == 0;
                    var deleteAfter = random.Next(3) == 0 ? Now.AddDays(random.Next(-2, 60)) : (DateTimeOffset?)Now.AddDays(300);
                    recordings.Add(new ReportRecordingRow(vaultId, $"call{i}", created, random.Next(2) == 0 ? "sales" : "financial", deleteAfter, held ? "litigation 2026-17" : null, held ? created.AddDays(1) : null));
                    foreach (var _ in Enumerable.Range(0, random.Next(4)))
                    {
                        var user = random.Next(4) == 0 ? rep : Reviewers[random.Next(Reviewers.Length)];
                        var actor = user.Length == 18 ? $"sf-user:{user}" : $"crm-user:{user}";
                        var at = created.AddHours(random.Next(1, 24 * 10));
                        var basis = user == rep ? "owner" : Bases[random.Next(Bases.Length)];
                        var action = random.Next(5) switch { 0 => "recording-viewed", 1 => "playback-denied", 2 => "media-link-issued", _ => "playback" };
                        Audit(at, action, actor, vaultId, action == "playback-denied"
                            ? $"status=403 reason=\"no Recording Reviewer role, not the owner\" sub=\"x\" iss=\"y\""
                            : $"bytes=0-99 status=206 basis=\"{basis}\" sub=\"x\" iss=\"y\"");
                    }

                    if (random.Next(20) == 0)
                    {
                        var erasedAt = created.AddDays(2);
                        Audit(erasedAt, held ? "erase-kept" : "erase", "ops@host", vaultId, held
                            ? $"erasure request for contact c{i % 7}; on legal hold since 2026-11-02: litigation 2026-17"
                            : $"erasure request for contact c{i % 7}; data key destroyed");
                    }

                    if (random.Next(25) == 0)
                    {
                        Audit(created.AddDays(3), "retention-delete", "retention", vaultId, "retention class sales ended; data key destroyed");
                    }
                }
            }

            rows.Add(new ReportCallEvidence(
                $"{i:x32}",
                crm,
                rep,
                random.Next(3) == 0 ? null : $"Rep {rep[..4]}",
                Decisions[d],
                Deciding[j] is { } code ? [code, "US"] : ["US"],
                Deciding[j],
                Rules[j],
                random.Next(4) == 0 ? "rules 2026.10; policy default" : "rules 2026.11; policy default",
                created,
                ended,
                new ReportCrmRef(crm, crm == "salesforce" ? "Contact" : "opportunity", $"rec{i}"),
                new ReportCrmRef(crm, crm == "salesforce" ? "Contact" : "contact", $"cus{i}"),
                random.Next(5) == 0 ? null : new ReportCrmRef(crm, crm == "salesforce" ? "Task" : "phonecall", $"act{i}"),
                events,
                spans,
                refusals,
                manual,
                recs));
        }

        audit.Sort((a, b) => a.At.CompareTo(b.At));
        var ordered = audit.Select((a, k) => a with { Sequence = k + 1 }).ToList();
        var last = ordered.LastOrDefault();
        return (rows, new ReportSources(
            rows.Select(r => r.ToRow()).ToList(),
            recordings.Where(r => r.HeldAt is not null || r.DeleteAfter < Now + ComplianceReportBuilder.DueWindow).ToList(),
            ordered.Where(a => a.At >= From && a.At <= Now).ToList(),
            new AuditChainState(ordered.Count, last?.Sequence, last?.At, last?.Action, null, null),
            new ReportRules("rules 2026.11; policy default", "default", [new OverrideLine("US-NV", "all-party", "counsel's reading of NRS 200.620")])));
    }
}
