namespace CrmRecording.Core.Decisions;

/// <summary>Why a jurisdiction is in a decision.</summary>
public enum JurisdictionBasis
{
    /// <summary>A signal (or the rep's region, or the policy's recording region) names it.</summary>
    Named,

    /// <summary>Only its country is known, and the country's subdivisions have different rules, so every subdivision counts.</summary>
    CountryWithoutSubdivision,

    /// <summary>The national (federal) law that applies alongside a subdivision's.</summary>
    NationalFloor,
}
