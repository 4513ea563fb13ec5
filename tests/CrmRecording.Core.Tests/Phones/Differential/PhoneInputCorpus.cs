using System.Text;
using PhoneNumbers;

namespace CrmRecording.Core.Tests.Phones.Differential;

/// <summary>
/// Generates the differential inputs from libphonenumber's own example numbers: every region's example of
/// every type (and every global service's), and near misses of each (a digit changed, dropped or added),
/// written in every form people and CRMs use — E.164, international, national, RFC 3966, separators, the
/// international prefixes of other countries (their alternates and carrier-selection codes too), a trunk
/// prefix after the country code, the country code without '+', extensions, carrier codes, full-width digits,
/// pasted symbols, keypad letters — plus random digit strings and junk. Deterministic for a seed.
/// </summary>
internal static class PhoneInputCorpus
{
    /// <summary>Where reps dial from: countries with several international prefixes, carrier codes or trunk rules of note.</summary>
    private static readonly string[] Homes =
    [
        "US", "CA", "GB", "DE", "FR", "IT", "ES", "NL", "CH", "SE", "FI", "IE", "AU", "NZ", "JP", "KR", "CN", "HK", "TW", "SG",
        "TH", "ID", "IN", "IL", "AE", "BR", "AR", "MX", "CO", "CL", "RU", "KZ", "ZA", "NG", "JE", "PR", "VA", "AX", "NO",
    ];

    private static readonly PhoneNumberType[] Types =
    [
        PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST,
        PhoneNumberType.VOIP, PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL,
    ];

    private static readonly string[] Extensions = [" ext. 12", " x12", ";ext=12", " (ext 12)", ",,12", " #12", " extension 4", " - 503#", " X 7", ";12"];

    public static IReadOnlyList<PhoneInput> Build(int seed = 9)
    {
        var util = PhoneNumberUtil.GetInstance();
        var random = new Random(seed);
        var inputs = new List<PhoneInput>(120_000);
        var prefixes = Homes.ToDictionary(h => h, h => PrefixExpander.Expand(util.GetMetadataForRegion(h).InternationalPrefix));
        foreach (var (number, region) in Examples(util))
        {
            AddForms(util, random, inputs, number, region, prefixes, full: true);
            foreach (var near in NearMisses(util, number))
            {
                AddForms(util, random, inputs, near, region, prefixes, full: false);
            }
        }

        AddJunk(util, random, inputs, 12_000);
        return inputs;
    }

    private static IEnumerable<(PhoneNumber Number, string Region)> Examples(PhoneNumberUtil util)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var region in util.GetSupportedRegions().OrderBy(r => r, StringComparer.Ordinal))
        {
            foreach (var type in Types)
            {
                if (util.GetExampleNumberForType(region, type) is { } n && seen.Add(util.Format(n, PhoneNumberFormat.E164) + region))
                {
                    yield return (n, region);
                }
            }
        }

        foreach (var code in util.GetSupportedGlobalNetworkCallingCodes().OrderBy(c => c))
        {
            if (util.GetExampleNumberForNonGeoEntity(code) is { } n)
            {
                yield return (n, "001");
            }
        }
    }

    private static IEnumerable<PhoneNumber> NearMisses(PhoneNumberUtil util, PhoneNumber number)
    {
        var nsn = util.GetNationalSignificantNumber(number);
        string[] variants =
        [
            nsn[..^1] + (char)('0' + ((nsn[^1] - '0' + 3) % 10)),
            nsn[..^1],
            nsn + "7",
            nsn.Length > 2 ? nsn[0] + ((char)('0' + ((nsn[1] - '0' + 5) % 10))).ToString() + nsn[2..] : nsn,
        ];
        foreach (var v in variants.Distinct())
        {
            PhoneNumber? parsed = null;
            try
            {
                parsed = util.Parse("+" + number.CountryCode + v, null);
            }
            catch (NumberParseException)
            {
                // Too short or long to be a number at all: the junk covers those.
            }

            if (parsed is not null)
            {
                yield return parsed;
            }
        }
    }

    private static void AddForms(
        PhoneNumberUtil util, Random random, List<PhoneInput> inputs, PhoneNumber n, string region,
        Dictionary<string, IReadOnlyList<string>> prefixes, bool full)
    {
        var own = region == "001" ? Homes[random.Next(Homes.Length)] : region;
        var e164 = util.Format(n, PhoneNumberFormat.E164);
        var international = util.Format(n, PhoneNumberFormat.INTERNATIONAL);
        var nsn = util.GetNationalSignificantNumber(n);
        var cc = n.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        inputs.Add(new(e164, Homes[random.Next(Homes.Length)], "e164"));
        inputs.Add(new(international, own, "international"));
        inputs.Add(new(util.Format(n, PhoneNumberFormat.NATIONAL), own, "national"));
        var home = Homes[random.Next(Homes.Length)];
        inputs.Add(new(util.FormatOutOfCountryCallingNumber(n, home), home, "dialled from abroad"));
        if (!full)
        {
            return;
        }

        inputs.Add(new(util.Format(n, PhoneNumberFormat.RFC3966), own, "rfc3966"));
        inputs.Add(new($"tel:{nsn};phone-context=+{cc}", own, "rfc3966 phone-context"));
        inputs.Add(new(Regroup(nsn, random, ". "), own, "national significant digits"));
        var trunk = util.GetMetadataForRegion(own)?.NationalPrefix;
        if (!string.IsNullOrEmpty(trunk))
        {
            inputs.Add(new($"+{cc} ({trunk}){Regroup(nsn, random, " ")}", Homes[random.Next(Homes.Length)], "trunk prefix after country code"));
            inputs.Add(new($"{trunk}{Regroup(nsn, random, "-")}", own, "trunk prefix + national digits"));
        }

        inputs.Add(new($"{cc} {util.Format(n, PhoneNumberFormat.NATIONAL)}", own, "country code without +"));
        inputs.Add(new($"{cc}{nsn}", own, "country code without +"));
        for (var i = 0; i < 3; i++)
        {
            home = Homes[random.Next(Homes.Length)];
            var idd = prefixes[home];
            if (idd.Count > 0)
            {
                inputs.Add(new($"{idd[random.Next(idd.Count)]} {cc} {Regroup(nsn, random, " -")}", home, "alternate international prefix"));
            }

            inputs.Add(new(util.FormatOutOfCountryCallingNumber(n, home), home, "dialled from abroad"));
        }

        foreach (var carrier in (ReadOnlySpan<string>)["15", "21", "41", "3"])
        {
            var withCarrier = util.FormatNationalNumberWithCarrierCode(n, carrier);
            if (withCarrier != util.Format(n, PhoneNumberFormat.NATIONAL))
            {
                inputs.Add(new(withCarrier, own, "national with carrier code"));
            }
        }

        inputs.Add(new(international + Extensions[random.Next(Extensions.Length)], Homes[random.Next(Homes.Length)], "extension"));
        inputs.Add(new(util.Format(n, PhoneNumberFormat.NATIONAL) + Extensions[random.Next(Extensions.Length)], own, "extension"));
        inputs.Add(new("++" + international[1..], Homes[random.Next(Homes.Length)], "pasted"));
        inputs.Add(new(FullWidth(international), Homes[random.Next(Homes.Length)], "full-width digits"));
        inputs.Add(new("\u260E " + international, Homes[random.Next(Homes.Length)], "pasted"));
        inputs.Add(new("Tel: " + util.Format(n, PhoneNumberFormat.NATIONAL) + ".", own, "pasted"));
        if (n.CountryCode == 1)
        {
            inputs.Add(new(Vanity(util.Format(n, PhoneNumberFormat.NATIONAL), random), "US", "keypad letters"));
        }
    }

    private static void AddJunk(PhoneNumberUtil util, Random random, List<PhoneInput> inputs, int count)
    {
        var regions = util.GetSupportedRegions().OrderBy(r => r, StringComparer.Ordinal).ToArray();
        const string symbols = " -.()/+*#,;x~:\u00A0\u2013\uFF0B\u260E";
        for (var i = 0; i < count; i++)
        {
            var sb = new StringBuilder();
            var kind = random.Next(4);
            if (kind == 0)
            {
                sb.Append('+');
            }

            var length = random.Next(1, 19);
            for (var k = 0; k < length; k++)
            {
                sb.Append((char)('0' + random.Next(10)));
                if (kind == 3 && random.Next(4) == 0)
                {
                    sb.Append(symbols[random.Next(symbols.Length)]);
                }
                else if (kind == 2 && random.Next(9) == 0)
                {
                    sb.Append((char)('A' + random.Next(26)));
                }
            }

            inputs.Add(new(sb.ToString(), random.Next(10) == 0 ? null : regions[random.Next(regions.Length)], "random digits"));
        }
    }

    private static string Regroup(string digits, Random random, string separators)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && random.Next(3) == 0)
            {
                sb.Append(separators[random.Next(separators.Length)]);
            }

            sb.Append(digits[i]);
        }

        return sb.ToString();
    }

    private static string FullWidth(string text) =>
        string.Concat(text.Select(c => c is >= '0' and <= '9' ? (char)('\uFF10' + (c - '0')) : c == '+' ? '\uFF0B' : c));

    /// <summary>The last four digits as keypad letters where the keypad has letters for them (2-9).</summary>
    private static string Vanity(string national, Random random)
    {
        string[] keypad = ["", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"];
        var chars = national.ToCharArray();
        var changed = 0;
        for (var i = chars.Length - 1; i >= 0 && changed < 4; i--)
        {
            if (chars[i] is >= '2' and <= '9')
            {
                var letters = keypad[chars[i] - '0'];
                chars[i] = letters[random.Next(letters.Length)];
                changed++;
            }
            else if (char.IsAsciiDigit(chars[i]))
            {
                break;
            }
        }

        return new string(chars);
    }
}
