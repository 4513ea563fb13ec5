using System.Globalization;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;
using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Contacts;

/// <summary>
/// Reads a contact's CRM fields into a <see cref="DecisionInput"/>, naming the field at fault when one
/// cannot be read. A phone number without a country code is read in the first country known from the
/// default country, the verified location, the address, or the rep's region, in that order.
/// </summary>
public sealed class ContactReader(PhoneNumberParser phones, PlaceDirectory places, IReadOnlySet<JurisdictionCode>? extraPlaces = null)
{
    public static ContactReader Default { get; } = new(PhoneNumberParser.Default, PlaceDirectory.Default);

    public ContactReadResult Read(ContactFields f, DateOnly asOf)
    {
        JurisdictionCode? rep = null;
        if (!string.IsNullOrWhiteSpace(f.RepRegion))
        {
            if (!TryPlace(f.RepRegion, out var r))
            {
                return ContactReadResult.Fail(ContactField.RepRegion, $"'{f.RepRegion}' is not a region we know; use an ISO 3166 code such as US-TX, CA-ON or GB.");
            }

            rep = r;
        }

        if (!string.IsNullOrWhiteSpace(f.DefaultCountry) && !(f.DefaultCountry.Trim().Length == 2 && places.TryResolveCountry(f.DefaultCountry, out _)))
        {
            // Checked even when the number carries its own country code: a typo here would otherwise pass unseen.
            return ContactReadResult.Fail(ContactField.DefaultCountry, $"'{f.DefaultCountry}' is not an ISO 3166-1 country code such as US, GB or DE.");
        }

        JurisdictionCode? verified = null;
        if (!string.IsNullOrWhiteSpace(f.VerifiedLocation))
        {
            if (!TryPlace(f.VerifiedLocation, out var v))
            {
                return ContactReadResult.Fail(ContactField.VerifiedLocation, $"'{f.VerifiedLocation}' is not a place we know; use an ISO 3166 code such as US-CA or DE.");
            }

            verified = v;
        }

        JurisdictionCode? country = null;
        if (!string.IsNullOrWhiteSpace(f.Country))
        {
            if (!places.TryResolveCountry(f.Country, out var c))
            {
                return ContactReadResult.Fail(ContactField.Country, $"'{f.Country}' is not a country we know; use an ISO 3166 code such as US or GB, or the English name.");
            }

            country = places.PlaceOfCountry(c);
        }

        IReadOnlyList<JurisdictionCode> address = country is { } only ? [only] : [];
        if (!string.IsNullOrWhiteSpace(f.Region) && (country is null || (!country.Value.IsSubdivision && places.HasSubdivisions(country.Value))))
        {
            var regions = places.ResolveRegion(f.Region, country);
            if (regions.Count == 0)
            {
                return ContactReadResult.Fail(
                    ContactField.Region,
                    country is { } k
                        ? $"'{f.Region}' is not a state or province of {k}; use its code (CA, ON, NSW) or its name."
                        : $"'{f.Region}' is not a state or province we know; use its code or name, and give the country.");
            }

            address = regions;
        }

        if (!DeviceTypeNames.TryParse(f.Device, out var device))
        {
            return ContactReadResult.Fail(ContactField.Device, $"'{f.Device}' is not a line type; use one of {DeviceTypeNames.Allowed}.");
        }

        if (device == DeviceType.Unknown && f.PhoneIsMobileColumn)
        {
            device = DeviceType.Mobile;
        }

        E164Number? phone = null;
        if (!string.IsNullOrWhiteSpace(f.Phone))
        {
            var defaultCountry = f.DefaultCountry?.Trim();
            if (string.IsNullOrEmpty(defaultCountry))
            {
                defaultCountry = (verified ?? (address.Count > 0 ? address[0] : rep))?.Country;
            }

            var parsed = phones.Parse(f.Phone, defaultCountry);
            if (!parsed.IsValid)
            {
                return ContactReadResult.Fail(parsed.Error == PhoneParseError.NoCountry && f.DefaultCountry is not null ? ContactField.DefaultCountry : ContactField.Phone, parsed.Message);
            }

            phone = parsed.Number;
        }

        var consent = ReadConsent(f, out var consentError);
        if (consent is null)
        {
            return consentError!;
        }

        if (!TryFlag(f.DoNotRecord, out var doNotRecord))
        {
            return ContactReadResult.Fail(ContactField.DoNotRecord, $"'{f.DoNotRecord}' is not true or false.");
        }

        var addressText = string.IsNullOrWhiteSpace(f.Region) ? f.Country?.Trim()
            : string.IsNullOrWhiteSpace(f.Country) ? f.Region.Trim()
            : $"{f.Region.Trim()}, {f.Country.Trim()}";
        var customer = new CustomerFacts(phone, device, address, addressText, verified);
        return new ContactReadResult(new DecisionInput(customer, consent, doNotRecord, rep, asOf), null, null);
    }

    /// <summary>Reads yyyy-MM-dd, or an ISO 8601 date-time (its calendar date in UTC).</summary>
    public static bool TryDate(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (s.Length > 10 && s[10] == 'T' && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            date = DateOnly.FromDateTime(at.UtcDateTime);
            return true;
        }

        return false;
    }

    private static ConsentRecord? ReadConsent(ContactFields f, out ContactReadResult? error)
    {
        error = null;
        ConsentState state;
        switch (f.Consent?.Trim().ToLowerInvariant())
        {
            case null or "" or "unknown" or "none": state = ConsentState.Unknown; break;
            case "granted" or "given" or "yes" or "opt-in" or "opted-in": state = ConsentState.Granted; break;
            case "declined" or "refused" or "no" or "opt-out" or "opted-out": state = ConsentState.Declined; break;
            case "revoked" or "withdrawn": state = ConsentState.Revoked; break;
            default:
                error = ContactReadResult.Fail(ContactField.Consent, $"'{f.Consent}' is not a consent state; use unknown, granted, declined or revoked.");
                return null;
        }

        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(f.ConsentDate))
        {
            if (!TryDate(f.ConsentDate, out var d))
            {
                error = ContactReadResult.Fail(ContactField.ConsentDate, $"'{f.ConsentDate}' is not a date; write it as YYYY-MM-DD.");
                return null;
            }

            date = d;
        }

        var method = string.IsNullOrWhiteSpace(f.ConsentMethod) ? null : f.ConsentMethod.Trim();
        return state == ConsentState.Unknown && date is null && method is null ? ConsentRecord.None : new ConsentRecord(state, date, method);
    }

    private bool TryPlace(string text, out JurisdictionCode code)
    {
        if (JurisdictionCode.TryParse(text, out code) && (places.IsKnown(code) || (extraPlaces?.Contains(code) ?? false)))
        {
            return true;
        }

        if (places.TryResolveCountry(text, out code))
        {
            return true;
        }

        var regions = places.ResolveRegion(text);
        if (regions.Count == 1)
        {
            code = regions[0];
            return true;
        }

        return false;
    }

    private static bool TryFlag(string? text, out bool flag)
    {
        flag = false;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "no" or "0" or "n":
                return true;
            case "true" or "yes" or "1" or "y":
                flag = true;
                return true;
            default:
                return false;
        }
    }
}
