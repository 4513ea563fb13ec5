namespace CrmRecording.Core.Jurisdictions;

/// <summary>One row of the jurisdictions table: a place, its recording-consent rule and where that rule comes from.</summary>
/// <param name="Code">ISO 3166 code of the place.</param>
/// <param name="Name">English name.</param>
/// <param name="Country">Parent country code (the code itself for a country).</param>
/// <param name="Rule">The recording-consent rule.</param>
/// <param name="Statute">The statute(s) or case(s) the rule rests on.</param>
/// <param name="Note">What the rule means for a business recording a sales call, and any trap.</param>
/// <param name="Sources">Where the rule was read.</param>
/// <param name="Reviewed">When the row was last reviewed.</param>
public sealed record Jurisdiction(
    JurisdictionCode Code,
    string Name,
    string Country,
    ConsentRule Rule,
    string Statute,
    string Note,
    IReadOnlyList<string> Sources,
    DateOnly Reviewed)
{
    /// <summary>True when the row was not in the data but stands in for a place we have no rule for.</summary>
    public bool IsUnlisted { get; init; }
}
