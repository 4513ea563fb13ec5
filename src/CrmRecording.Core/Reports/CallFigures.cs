namespace CrmRecording.Core.Reports;

/// <summary>Calls placed in the period, by the decision made before dialling and by deciding jurisdiction.</summary>
/// <param name="ByDecision">Every decision, in ascending strictness, even when zero.</param>
/// <param name="ByJurisdiction">Per deciding jurisdiction (<c>unknown</c> for calls that did not record it), most calls first.</param>
public sealed record CallFigures(int Total, IReadOnlyList<DecisionCount> ByDecision, IReadOnlyList<JurisdictionCalls> ByJurisdiction);

public sealed record DecisionCount(string Decision, int Calls);

public sealed record JurisdictionCalls(string Jurisdiction, int Calls, IReadOnlyList<DecisionCount> ByDecision);

/// <summary>
/// Calls on which the consent question was asked (decision <c>record-after-consent</c> and an answer logged) and what
/// came of it; each asked call counts once, under its last answer.
/// </summary>
/// <param name="NoAnswer">Silence until the question timed out.</param>
/// <param name="Unrecognized">An answer that was neither a clear yes nor a clear no (not recorded).</param>
public sealed record ConsentCounts(int Asked, int Granted, int Declined, int NoAnswer, int Unrecognized);

/// <param name="ByDisclosure">Per consent question wording (kind and version) that was asked.</param>
public sealed record ConsentFigures(ConsentCounts Totals, IReadOnlyList<ConsentByJurisdiction> ByJurisdiction, IReadOnlyList<ConsentByDisclosure> ByDisclosure);

public sealed record ConsentByJurisdiction(string Jurisdiction, ConsentCounts Counts);

public sealed record ConsentByDisclosure(string DisclosureKind, string Version, ConsentCounts Counts);

/// <summary>
/// Calls recorded without an explicit yes because the deciding rule allowed it (decision <c>record</c> or
/// <c>record-after-notice</c> and at least one recording made), grouped by rule, jurisdiction and rules version.
/// </summary>
/// <param name="CallList">The first <see cref="ComplianceReportBuilder.MaxListed"/> of them, oldest first (the CSV lists the same).</param>
public sealed record LawfulBasisFigures(int Calls, IReadOnlyList<RuleBasisCount> ByRule, IReadOnlyList<ReportCallLine> CallList);

/// <param name="Rule">The deciding rule's wire name (<c>one-party</c>, <c>notice-required</c>, …), or <c>unknown</c>.</param>
public sealed record RuleBasisCount(string Rule, string Jurisdiction, string Decision, string RulesVersion, int Calls);
