using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Location;

/// <summary>One signal about where the customer is and the places it makes plausible.</summary>
/// <param name="Signal">Which kind of signal.</param>
/// <param name="Strength">How much it says.</param>
/// <param name="Places">The places it points to (countries or subdivisions); empty when it says nothing.</param>
/// <param name="Detail">What was read: the area code, the address text, the calling code.</param>
/// <param name="Device">The line type, where it changes the strength.</param>
public sealed record LocationEvidence(
    LocationSignal Signal,
    EvidenceStrength Strength,
    IReadOnlyList<JurisdictionCode> Places,
    string Detail,
    DeviceType Device = DeviceType.Unknown)
{
    /// <summary>A human-readable statement of the evidence, e.g. "area code 415 on a mobile number (weak: numbers move with people)".</summary>
    public string Source => Signal switch
    {
        LocationSignal.VerifiedLocation => $"location {Detail} verified by sales ops (strong)",
        LocationSignal.CrmAddress => $"CRM address {Detail} (medium)",
        LocationSignal.PhoneCountry => $"phone country code +{Detail} (strong at country level)",
        LocationSignal.AreaCode when Strength == EvidenceStrength.Medium => $"area code {Detail} on a {Device.ToWireName()} number (medium)",
        LocationSignal.AreaCode when Device == DeviceType.Unknown => $"area code {Detail} on a number of unknown line type (weak: it may be a mobile, which moves with its owner)",
        LocationSignal.AreaCode => $"area code {Detail} on a {Device.ToWireName()} number (weak: such numbers move with people)",
        LocationSignal.NonGeographicNumber => $"{Detail} number (gives no location)",
        _ => Detail,
    };

    public override string ToString() => Source;
}
