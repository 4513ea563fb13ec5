using CrmRecording.Core.Jurisdictions;

namespace CrmRecording.Core.Phones;

/// <summary>One NANP area code (NPA) and the places it serves.</summary>
/// <param name="Code">Three digits.</param>
/// <param name="Regions">US state or territory, Canadian province or Caribbean country; empty for non-geographic codes.</param>
/// <param name="Kind">Geographic, overlay or a non-geographic service.</param>
/// <param name="Note">Which codes an overlay lies over, or what a service code is for.</param>
public sealed record NanpAreaCode(string Code, IReadOnlyList<JurisdictionCode> Regions, NanpAreaCodeKind Kind, string Note)
{
    /// <summary>True when a number in this code says something about where its owner is.</summary>
    public bool IsGeographic => Kind is NanpAreaCodeKind.Geographic or NanpAreaCodeKind.Overlay;
}
