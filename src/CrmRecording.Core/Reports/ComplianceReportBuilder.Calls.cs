namespace CrmRecording.Core.Reports;

/// <summary>Calls by decision and jurisdiction, consent outcomes, and recordings made lawfully without an explicit yes.</summary>
public static partial class ComplianceReportBuilder
{
    public const string Unknown = "unknown";

    /// <summary>How many calls <see cref="LawfulBasisFigures.CallList"/> lists (oldest first); its <c>Calls</c> counts them all.</summary>
    public const int MaxListed = 1000;

    private static CallFigures CallsOf(List<ReportCallRow> calls) => new(
        calls.Count,
        ByDecision(calls),
        calls.GroupBy(JurisdictionOf, StringComparer.Ordinal)
            .Select(g => new JurisdictionCalls(g.Key, g.Count(), ByDecision(g.ToList())))
            .OrderByDescending(j => j.Calls).ThenBy(j => j.Jurisdiction, StringComparer.Ordinal).ToList());

    private static List<DecisionCount> ByDecision(IReadOnlyCollection<ReportCallRow> calls) =>
        Decisions.Select(d => new DecisionCount(d, calls.Count(c => c.Decision == d))).ToList();

    /// <summary>The deciding jurisdiction, or <c>unknown</c> for a call that did not keep it.</summary>
    private static string JurisdictionOf(ReportCallRow call) => call.DecidingJurisdiction ?? Unknown;

    private static ConsentFigures ConsentOf(List<ReportCallRow> calls)
    {
        // An asked call is one with an answer logged to the consent question; its last answer counts.
        var asked = calls
            .Where(c => c.Decision == "record-after-consent" && c.ConsentAnswer is not null)
            .Select(c => (Call: c, Answer: c.ConsentAnswer!))
            .ToList();
        return new ConsentFigures(
            Count(asked.Select(a => a.Answer.Kind)),
            asked.GroupBy(a => JurisdictionOf(a.Call), StringComparer.Ordinal)
                .Select(g => new ConsentByJurisdiction(g.Key, Count(g.Select(a => a.Answer.Kind))))
                .OrderByDescending(j => j.Counts.Asked).ThenBy(j => j.Jurisdiction, StringComparer.Ordinal).ToList(),
            asked.GroupBy(a => (a.Answer.DisclosureKind, a.Answer.DisclosureVersion))
                .Select(g => new ConsentByDisclosure(g.Key.DisclosureKind, g.Key.DisclosureVersion, Count(g.Select(a => a.Answer.Kind))))
                .OrderBy(d => d.DisclosureKind, StringComparer.Ordinal).ThenBy(d => d.Version, StringComparer.Ordinal).ToList());
    }

    private static ConsentCounts Count(IEnumerable<string> answers)
    {
        var list = answers.ToList();
        return new ConsentCounts(
            list.Count,
            list.Count(a => a == "consent-granted"),
            list.Count(a => a == "consent-declined"),
            list.Count(a => a == "consent-timeout"),
            list.Count(a => a == "consent-unrecognized"));
    }

    private static LawfulBasisFigures LawfulBasisOf(List<ReportCallRow> calls, CallLines lines)
    {
        var recorded = calls
            .Where(c => c.Decision is "record" or "record-after-notice" && c.Recorded)
            .ToList();
        return new LawfulBasisFigures(
            recorded.Count,
            recorded.GroupBy(c => (Rule: c.DecidingRule ?? Unknown, Jurisdiction: JurisdictionOf(c), c.Decision, c.RulesVersion))
                .Select(g => new RuleBasisCount(g.Key.Rule, g.Key.Jurisdiction, g.Key.Decision, g.Key.RulesVersion, g.Count()))
                .OrderByDescending(r => r.Calls).ThenBy(r => r.Rule, StringComparer.Ordinal).ThenBy(r => r.Jurisdiction, StringComparer.Ordinal).ThenBy(r => r.RulesVersion, StringComparer.Ordinal)
                .ToList(),
            recorded.Take(MaxListed).Select(lines.Line).ToList());
    }
}
