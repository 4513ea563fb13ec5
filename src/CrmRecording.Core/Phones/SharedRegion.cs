using CrmRecording.Core.Jurisdictions;

namespace CrmRecording.Core.Phones;

/// <summary>A country that shares a calling code with a larger one (Jersey under +44), and the national-number prefixes that are its own.</summary>
public sealed record SharedRegion(string Country, IReadOnlyList<string> LeadingDigits)
{
    public IReadOnlyList<JurisdictionCode> Places { get; } = [JurisdictionCode.Parse(Country)];
}
