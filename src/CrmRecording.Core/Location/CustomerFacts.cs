using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Location;

/// <summary>What the CRM and the line-type lookup know about where the customer might be.</summary>
/// <param name="Phone">The customer's number, if it could be read.</param>
/// <param name="Device">The line type of that number.</param>
/// <param name="AddressPlaces">
/// Places named by the CRM address: the state/province resolved (more than one when the name is shared),
/// or just the country when no state is given.
/// </param>
/// <param name="AddressText">The address as written, for the evidence trail.</param>
/// <param name="VerifiedLocation">A location verified by sales ops; when present it is the only customer location.</param>
public sealed record CustomerFacts(
    E164Number? Phone = null,
    DeviceType Device = DeviceType.Unknown,
    IReadOnlyList<JurisdictionCode>? AddressPlaces = null,
    string? AddressText = null,
    JurisdictionCode? VerifiedLocation = null)
{
    /// <summary>What another reader said of <see cref="Phone"/> (region, type); when null the embedded plan reads it. Lets the differential tests weigh libphonenumber's own reading.</summary>
    internal PhoneNumberInfo? PhoneInfo { get; init; }
}
