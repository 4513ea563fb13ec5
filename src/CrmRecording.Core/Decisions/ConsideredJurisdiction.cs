using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;
using CrmRecording.Core.Policy;

namespace CrmRecording.Core.Decisions;

/// <summary>One jurisdiction a decision took into account, with the rule it applied and why it was there.</summary>
/// <param name="Jurisdiction">The row from the data (or an unlisted stand-in).</param>
/// <param name="Rule">The rule applied: the row's, or the policy override's.</param>
/// <param name="Party">Whose location brought it in.</param>
/// <param name="Basis">Named by evidence, counted for want of a subdivision, or the national floor.</param>
/// <param name="Evidence">The customer evidence that points to it (empty for the rep and recording region).</param>
/// <param name="Override">The policy override applied, if any.</param>
/// <param name="Outcome">What this jurisdiction alone requires under the policy.</param>
public sealed record ConsideredJurisdiction(
    Jurisdiction Jurisdiction,
    ConsentRule Rule,
    Party Party,
    JurisdictionBasis Basis,
    IReadOnlyList<LocationEvidence> Evidence,
    RuleOverride? Override,
    RecordingOutcome Outcome)
{
    public JurisdictionCode Code => Jurisdiction.Code;

    /// <summary>The statute or case behind the applied rule (the policy's reason when overridden).</summary>
    public string Statute => Override is null ? Jurisdiction.Statute : $"policy override: {Override.Reason}";
}
