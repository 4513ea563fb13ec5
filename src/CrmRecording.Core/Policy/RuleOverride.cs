using CrmRecording.Core.Jurisdictions;

namespace CrmRecording.Core.Policy;

/// <summary>A sales-ops override of a jurisdiction's rule, or a jurisdiction the data does not have.</summary>
/// <param name="Code">The place.</param>
/// <param name="Rule">The rule to apply there.</param>
/// <param name="Reason">Why, in the policy author's words; shown with every decision it affects.</param>
/// <param name="Name">A display name for a place the data does not have.</param>
public sealed record RuleOverride(JurisdictionCode Code, ConsentRule Rule, string Reason, string? Name = null);
