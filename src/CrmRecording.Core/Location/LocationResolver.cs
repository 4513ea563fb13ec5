using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Location;

/// <summary>
/// Turns <see cref="CustomerFacts"/> into location evidence. Conflicting evidence is never resolved by
/// picking one side: every plausible place is kept and the decision takes the strictest rule of all.
/// </summary>
/// <param name="plan">libphonenumber's metadata: whether a number is valid, its region and its type.</param>
/// <param name="callingCodes">The project's shared-calling-code ranges, kept where they are stricter than the plan (Isle of Man 07924).</param>
/// <param name="areaCodes">NANPA's area codes, for the state or province of a +1 number.</param>
/// <param name="hasOneLaw">True when a country's law is the same in all its subdivisions, so a non-geographic number may still name it.</param>
public sealed class LocationResolver(
    PhoneNumberingPlan plan, CallingCodeTable callingCodes, NanpAreaCodeTable areaCodes, Func<string, bool> hasOneLaw)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JurisdictionCode[]> _countries = new(StringComparer.Ordinal);

    public static LocationResolver Default { get; } = new(
        PhoneNumberingPlan.Default, CallingCodeTable.Default, NanpAreaCodeTable.Default, JurisdictionCatalog.Default.HasOneLaw);

    public IReadOnlyList<LocationEvidence> Resolve(CustomerFacts facts)
    {
        if (facts.VerifiedLocation is { } verified)
        {
            return [new LocationEvidence(LocationSignal.VerifiedLocation, EvidenceStrength.Strong, [verified], verified.Value)];
        }

        var address = facts.AddressPlaces is { Count: > 0 } places
            ? new LocationEvidence(LocationSignal.CrmAddress, EvidenceStrength.Medium, places, facts.AddressText ?? string.Join(' ', places))
            : null;
        var phone = facts.Phone is { } number
            ? FromPhone(new PhoneReading(number, facts.PhoneInfo ?? plan.Analyze(number)), facts.Device)
            : null;
        return (address, phone) switch
        {
            ({ } a, { } p) => [a, p],
            ({ } a, null) => [a],
            (null, { } p) => [p],
            _ => [],
        };
    }

    /// <summary>What the number alone says about where the customer is.</summary>
    public LocationEvidence FromPhone(E164Number phone, DeviceType device) => FromPhone(new PhoneReading(phone, plan.Analyze(phone)), device);

    private LocationEvidence FromPhone(PhoneReading reading, DeviceType device)
    {
        var phone = reading.Number;
        var info = reading.Info;
        if (!info.IsValid)
        {
            return Nowhere(reading, device, LocationSignal.InvalidNumber, "no range of its country's numbering plan has it, so it places the customer nowhere");
        }

        if (info.IsNonGeographicEntity)
        {
            return Nowhere(reading, device, LocationSignal.NonGeographicNumber, "a global service number places the customer nowhere");
        }

        if (device == DeviceType.TollFree)
        {
            return Nowhere(reading, device, LocationSignal.NonGeographicNumber, "the line-type lookup says toll-free, which places the customer nowhere");
        }

        if (phone.IsNanp)
        {
            return FromNanp(phone, device, reading);
        }

        var country = info.Region!;
        if (!info.Type.IsGeographic())
        {
            var type = info.Type.ToWireName();
            return hasOneLaw(country)
                ? new LocationEvidence(
                    LocationSignal.NonGeographicNumber, EvidenceStrength.Weak, PlacesOf(country),
                    $"a {type} number places the customer nowhere; {country} has one law everywhere, so the country counts (weak)", device, reading)
                : Nowhere(reading, device, LocationSignal.NonGeographicNumber, $"a {type} number places the customer nowhere, and {country}'s subdivisions have laws of their own, so not even the country counts");
        }

        return FromCountry(phone, device, reading, country);
    }

    private LocationEvidence FromCountry(E164Number phone, DeviceType device, PhoneReading reading, string country)
    {
        var places = PlacesOf(country);
        var place = places[0];
        if (callingCodes.TryMatchPrefix(phone.Digits, out var code) && code.SharedRegions.Count > 0 && code.PlacesOf(phone.NationalSignificantNumber) is { } shared
            && !(shared.Count == 1 && shared[0] == place))
        {
            // The project's shared-calling-code ranges name another territory (Isle of Man 07924 where the plan says GB):
            // both count, so the stricter law of the two decides.
            var others = shared.Where(p => p != place).ToArray();
            return new LocationEvidence(
                LocationSignal.PhoneCountry, EvidenceStrength.Strong, [place, .. others],
                $"{country}, and {string.Join(", ", others)} whose range it is in the shared-calling-code data", device, reading);
        }

        return new LocationEvidence(LocationSignal.PhoneCountry, EvidenceStrength.Strong, places, country, device, reading);
    }

    private LocationEvidence FromNanp(E164Number phone, DeviceType device, PhoneReading reading)
    {
        var npa = phone.NanpAreaCode;
        if (!reading.Info.Type.IsGeographic())
        {
            return Nowhere(reading, device, LocationSignal.NonGeographicNumber, $"a {reading.Info.Type.ToWireName()} number (area code {npa}) places the customer nowhere");
        }

        if (!areaCodes.TryGet(npa, out var area))
        {
            return Nowhere(reading, device, LocationSignal.NonGeographicNumber, $"area code {npa} is not in service per the NANPA data, so it places the customer nowhere");
        }

        if (!area.IsGeographic)
        {
            return Nowhere(reading, device, LocationSignal.NonGeographicNumber, $"{KindName(area.Kind)} area code {area.Code} places the customer nowhere");
        }

        // A landline stays where it was installed; mobile and VoIP numbers move with their owners.
        var strength = device == DeviceType.Landline ? EvidenceStrength.Medium : EvidenceStrength.Weak;
        return new LocationEvidence(LocationSignal.AreaCode, strength, area.Regions, area.Code, device, reading);
    }

    /// <summary>A region as a one-place list, made once per region: evidence lists are read, never changed.</summary>
    private JurisdictionCode[] PlacesOf(string region) => _countries.GetOrAdd(region, static r => [JurisdictionCode.Parse(r)]);

    private static LocationEvidence Nowhere(PhoneReading reading, DeviceType device, LocationSignal signal, string why) =>
        new(signal, EvidenceStrength.None, [], why, device, reading);

    private static string KindName(NanpAreaCodeKind kind) => kind switch
    {
        NanpAreaCodeKind.TollFree => "toll-free",
        NanpAreaCodeKind.PersonalCommunications => "personal-communications",
        NanpAreaCodeKind.Premium => "premium",
        _ => "non-geographic",
    };
}
