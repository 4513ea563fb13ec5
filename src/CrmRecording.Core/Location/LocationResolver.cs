using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Location;

/// <summary>
/// Turns <see cref="CustomerFacts"/> into location evidence. Conflicting evidence is never resolved by
/// picking one side: every plausible place is kept and the decision takes the strictest rule of all.
/// </summary>
public sealed class LocationResolver(CallingCodeTable callingCodes, NanpAreaCodeTable areaCodes)
{
    public static LocationResolver Default { get; } = new(CallingCodeTable.Default, NanpAreaCodeTable.Default);

    public IReadOnlyList<LocationEvidence> Resolve(CustomerFacts facts)
    {
        if (facts.VerifiedLocation is { } verified)
        {
            return [new LocationEvidence(LocationSignal.VerifiedLocation, EvidenceStrength.Strong, [verified], verified.Value)];
        }

        var evidence = new List<LocationEvidence>(2);
        if (facts.AddressPlaces is { Count: > 0 } places)
        {
            evidence.Add(new LocationEvidence(
                LocationSignal.CrmAddress, EvidenceStrength.Medium, places, facts.AddressText ?? string.Join(' ', places)));
        }

        if (facts.Phone is { } phone)
        {
            evidence.Add(FromPhone(phone, facts.Device));
        }

        return evidence;
    }

    private LocationEvidence FromPhone(E164Number phone, DeviceType device)
    {
        if (!callingCodes.TryMatchPrefix(phone.Digits, out var code) || !code.IsGeographic)
        {
            return new LocationEvidence(LocationSignal.NonGeographicNumber, EvidenceStrength.None, [], $"international +{phone.Digits[..Math.Min(3, phone.Digits.Length)]} service");
        }

        if (device == DeviceType.TollFree)
        {
            return new LocationEvidence(LocationSignal.NonGeographicNumber, EvidenceStrength.None, [], "toll-free (line type)");
        }

        if (!phone.IsNanp)
        {
            return new LocationEvidence(LocationSignal.PhoneCountry, EvidenceStrength.Strong, code.PlacesOf(phone.NationalSignificantNumber), code.Digits);
        }

        if (!areaCodes.TryGet(phone.NanpAreaCode, out var area))
        {
            return new LocationEvidence(LocationSignal.NonGeographicNumber, EvidenceStrength.None, [], $"area code {phone.NanpAreaCode} (not in service per the numbering data)");
        }

        if (!area.IsGeographic)
        {
            return new LocationEvidence(LocationSignal.NonGeographicNumber, EvidenceStrength.None, [], $"{KindName(area.Kind)} area code {area.Code}");
        }

        // A landline stays where it was installed; mobile and VoIP numbers move with their owners.
        var strength = device == DeviceType.Landline ? EvidenceStrength.Medium : EvidenceStrength.Weak;
        return new LocationEvidence(LocationSignal.AreaCode, strength, area.Regions, area.Code, device);
    }

    private static string KindName(NanpAreaCodeKind kind) => kind switch
    {
        NanpAreaCodeKind.TollFree => "toll-free",
        NanpAreaCodeKind.PersonalCommunications => "personal-communications",
        NanpAreaCodeKind.Premium => "premium",
        _ => "non-geographic",
    };
}
