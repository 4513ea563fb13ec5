using CrmRecording.Core.Location;
using CrmRecording.Core.Policy;

namespace CrmRecording.Core.Decisions;

/// <summary>
/// A recording decision and everything it rests on, as values: the jurisdictions weighed, the rule that
/// decided, the evidence, the policy and the data versions. <see cref="Reasons"/> renders them in words
/// for a rep; an auditor can replay the decision from <see cref="Input"/> and <see cref="Versions"/>.
/// </summary>
public sealed class RecordingDecision
{
    private IReadOnlyList<string>? _reasons;
    private IReadOnlyList<string>? _keyReasons;
    private IReadOnlyList<string>? _policyLines;

    internal RecordingDecision(
        DecisionInput input,
        RecordingPolicy policy,
        DataVersions versions,
        IReadOnlyList<LocationEvidence> customerEvidence,
        IReadOnlyList<ConsideredJurisdiction> jurisdictions,
        ConsideredJurisdiction? deciding,
        RecordingOutcome legalOutcome,
        RecordingOutcome outcome,
        ConsentEffect consentEffect)
    {
        Input = input;
        Policy = policy;
        Versions = versions;
        CustomerEvidence = customerEvidence;
        Jurisdictions = jurisdictions;
        Deciding = deciding;
        LegalOutcome = legalOutcome;
        Outcome = outcome;
        ConsentEffect = consentEffect;
    }

    public RecordingOutcome Outcome { get; }

    /// <summary>The outcome the law and policy require before the contact's own consent state is applied.</summary>
    public RecordingOutcome LegalOutcome { get; }

    /// <summary>The jurisdiction whose rule is the strictest; null when nothing about the customer's location is known and that decided.</summary>
    public ConsideredJurisdiction? Deciding { get; }

    public IReadOnlyList<ConsideredJurisdiction> Jurisdictions { get; }

    public IReadOnlyList<LocationEvidence> CustomerEvidence { get; }

    /// <summary>True when no evidence placed the customer anywhere, so the policy's unknownLocation outcome applied.</summary>
    public bool CustomerLocationUnknown => !Jurisdictions.Any(j => j.Party == Party.Customer);

    /// <summary>The strongest evidence about the customer's location.</summary>
    public EvidenceStrength CustomerEvidenceStrength =>
        CustomerEvidence.Where(e => e.Places.Count > 0).Select(e => e.Strength).DefaultIfEmpty(EvidenceStrength.None).Max();

    public ConsentEffect ConsentEffect { get; }

    public DecisionInput Input { get; }

    public RecordingPolicy Policy { get; }

    public DataVersions Versions { get; }

    /// <summary>
    /// The customer's jurisdictions as one line of codes (<c>US-CA US</c>); a country counted as all its
    /// subdivisions is written once as <c>US-*</c>. This is what CRM columns and exports carry.
    /// </summary>
    public string CustomerJurisdictionCodes()
    {
        var sb = new System.Text.StringBuilder();
        string? expanded = null;
        foreach (var j in Jurisdictions)
        {
            if (j.Party != Party.Customer)
            {
                continue;
            }

            string code;
            if (j.Basis == JurisdictionBasis.CountryWithoutSubdivision)
            {
                if (expanded == j.Code.Country)
                {
                    continue;
                }

                expanded = j.Code.Country;
                code = j.Code.Country + "-*";
            }
            else
            {
                code = j.Code.Value;
            }

            sb.Append(sb.Length > 0 ? " " : string.Empty).Append(code);
        }

        return sb.ToString();
    }

    /// <summary>The deciding rule (or contact flag) in one sentence; the first reason without the outcome in front.</summary>
    public string Summary => DecisionExplainer.Summary(this);

    /// <summary>Why, in plain sentences: the deciding rule and statute, the evidence, the policy lines, the consent on file.</summary>
    public IReadOnlyList<string> Reasons => _reasons ??= DecisionExplainer.Reasons(this, detailed: true);

    /// <summary>
    /// The reasons that differ from call to call: the deciding rule and statute, the evidence, places widened
    /// or without a rule, overrides and the consent on file; without each jurisdiction's line and the policy lines.
    /// </summary>
    public IReadOnlyList<string> KeyReasons => _keyReasons ??= DecisionExplainer.Reasons(this, detailed: false);

    /// <summary>The policy settings and overrides that shaped this decision.</summary>
    public IReadOnlyList<string> PolicyLines => _policyLines ??= DecisionExplainer.PolicyLines(this);
}
