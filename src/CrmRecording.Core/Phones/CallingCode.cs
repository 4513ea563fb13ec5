using CrmRecording.Core.Jurisdictions;

namespace CrmRecording.Core.Phones;

/// <summary>One ITU-T E.164 country calling code and how numbers under it are dialled.</summary>
/// <param name="Code">The calling code, e.g. 44.</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes sharing it, main country first; empty for non-geographic codes.</param>
/// <param name="MinNationalLength">Shortest national significant number.</param>
/// <param name="MaxNationalLength">Longest national significant number.</param>
/// <param name="TrunkPrefix">Digits dialled before a national number inside the country (<c>0</c> in GB), or empty.</param>
/// <param name="InternationalPrefix">Digits dialled to call abroad from the country (<c>00</c>, <c>011</c>), or empty.</param>
/// <param name="IsGeographic">False for global services such as +800 freephone.</param>
public sealed record CallingCode(
    int Code,
    IReadOnlyList<string> Countries,
    int MinNationalLength,
    int MaxNationalLength,
    string TrunkPrefix,
    string InternationalPrefix,
    bool IsGeographic)
{
    public string Digits { get; } = Code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><see cref="Countries"/> as jurisdiction codes.</summary>
    public IReadOnlyList<JurisdictionCode> Places { get; } = Countries.Select(JurisdictionCode.Parse).ToArray();

    /// <summary>The countries other than the main one that share this code, told apart by the leading digits of the national number.</summary>
    public IReadOnlyList<SharedRegion> SharedRegions { get; init; } = [];

    /// <summary>
    /// Where a national significant number under this code is: the sharing country whose leading digits it
    /// starts with; otherwise the main country; every sharing country when one of them cannot be told apart.
    /// </summary>
    public IReadOnlyList<JurisdictionCode> PlacesOf(ReadOnlySpan<char> nationalNumber)
    {
        if (SharedRegions.Count == 0)
        {
            return Places;
        }

        var indistinct = false;
        foreach (var region in SharedRegions)
        {
            if (region.LeadingDigits.Count == 0)
            {
                indistinct = true;
                continue;
            }

            foreach (var prefix in region.LeadingDigits)
            {
                if (nationalNumber.StartsWith(prefix))
                {
                    return region.Places;
                }
            }
        }

        return indistinct ? Places : _main ??= [Places[0]];
    }

    private JurisdictionCode[]? _main;
}
