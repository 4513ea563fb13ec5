using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Location;

/// <summary>One signal about where the customer is and the places it makes plausible.</summary>
/// <param name="Signal">Which kind of signal.</param>
/// <param name="Strength">How much it says.</param>
/// <param name="Places">The places it points to (countries or subdivisions); empty when it says nothing.</param>
/// <param name="Detail">What was read: the area code, the address text, or why a phone number places the customer where it does.</param>
/// <param name="Device">The line type, where it changes the strength.</param>
/// <param name="Phone">For phone signals, the number as read and what its plan says of it.</param>
public sealed record LocationEvidence(
    LocationSignal Signal,
    EvidenceStrength Strength,
    IReadOnlyList<JurisdictionCode> Places,
    string Detail,
    DeviceType Device = DeviceType.Unknown,
    PhoneReading? Phone = null)
{
    /// <summary>
    /// A human-readable statement of the evidence, e.g. "phone +14155550142, a fixed-line-or-mobile number of US:
    /// area code 415 on a mobile number (weak: such numbers move with people)".
    /// </summary>
    public string Source => Signal switch
    {
        LocationSignal.VerifiedLocation => $"location {Detail} verified by sales ops (strong)",
        LocationSignal.CrmAddress => $"CRM address {Detail} (medium)",
        _ => Phone switch
        {
            null => PhoneText,
            { } phone when Signal == LocationSignal.InvalidNumber => $"phone {phone.Number} is not a valid number for {phone.Country}: {PhoneText}",
            { } phone => $"phone {phone.Describe()}: {PhoneText}",
        },
    };

    private string PhoneText => Signal switch
    {
        LocationSignal.PhoneCountry => $"country {Detail} (strong at country level)",
        LocationSignal.AreaCode when Strength == EvidenceStrength.Medium => $"area code {Detail} on a {Device.ToWireName()} number (medium)",
        LocationSignal.AreaCode when Device == DeviceType.Unknown => $"area code {Detail} on a number of unknown line type (weak: it may be a mobile, which moves with its owner)",
        LocationSignal.AreaCode => $"area code {Detail} on a {Device.ToWireName()} number (weak: such numbers move with people)",
        _ => Detail,
    };

    public override string ToString() => Source;
}
