using CrmRecording.Core.Phones.Numbering;

namespace CrmRecording.Core.Phones;

/// <summary>
/// Reads phone numbers the way reps type and CRMs store them — <c>(415) 555-0142</c>, <c>+44 (0)20 7946 0958</c>,
/// <c>008 1 415 555 0142</c> from Korea, <c>011 15-2345-6789</c> in Argentina, <c>tel:+1-415-555-0142;ext=12</c>,
/// <c>１-800-FLOWERS</c> — into E.164, following libphonenumber's parsing rules over its metadata
/// (<see cref="PhoneNumberingPlan"/>), or says precisely why it cannot. It is stricter than libphonenumber where
/// a reading would be a guess: a number of the wrong length, one or two stray letters, a <c>*</c>, an extension
/// of more than seven digits and a NANP area code or exchange starting with 0 or 1 are refused.
/// </summary>
public sealed partial class PhoneNumberParser(PhoneNumberingPlan plan)
{
    private const int MaxE164Digits = 15;
    private const int MaxInputLength = 128;

    public static PhoneNumberParser Default { get; } = new(PhoneNumberingPlan.Default, DefaultCacheSize);

    /// <param name="raw">What was typed.</param>
    /// <param name="defaultCountry">ISO 3166-1 alpha-2 country assumed for numbers written without an international prefix.</param>
    public PhoneParseResult Parse(string? raw, string? defaultCountry = null) =>
        string.IsNullOrWhiteSpace(raw)
            ? PhoneParseResult.Fail(PhoneParseError.Empty, "no phone number was given.")
            : ParseCached(raw, defaultCountry);

    private PhoneParseResult ParseUncached(string raw, string? defaultCountry)
    {
        if (raw.Length > MaxInputLength)
        {
            return PhoneParseResult.Fail(PhoneParseError.TooLong, $"'{Shorten(raw)}' is {raw.Length} characters; a phone number has at most 15 digits.");
        }

        NumberingRegion? home = null;
        if (!string.IsNullOrWhiteSpace(defaultCountry) && !plan.TryGetRegion(defaultCountry, out home))
        {
            return PhoneParseResult.Fail(PhoneParseError.NoCountry, $"default country '{defaultCountry}' is not an ISO 3166-1 country with a calling code.");
        }

        var read = ReadText(raw, out var text, out var extension);
        if (read is not null)
        {
            return read.Value;
        }

        Span<char> buffer = stackalloc char[MaxInputLength];
        var normalized = Normalize(raw, text, buffer, out var plus);
        if (normalized.Error is not null)
        {
            return normalized.Error.Value;
        }

        var digits = buffer[..normalized.Length];
        return plus
            ? International(raw, digits, home, extension, retry: true)
            : National(raw, digits, home, extension);
    }

    private PhoneParseResult National(string raw, ReadOnlySpan<char> digits, NumberingRegion? home, string? extension)
    {
        if (home is null)
        {
            return PhoneParseResult.Fail(
                PhoneParseError.NoCountry,
                $"'{raw}' has no country code; write it with + and the country code, or give a default country.");
        }

        var idd = home.InternationalPrefixLength(digits);
        if (idd > 0)
        {
            return International(raw, digits[idd..], home, extension, retry: false);
        }

        // libphonenumber reads the home country's own calling code typed without '+' ("44 20 7946 0958" in GB)
        // only when the number cannot be a national one: it fits no national pattern, or is too long to be one.
        if (digits.StartsWith(home.CallingCodeDigits))
        {
            var rest = digits[home.CallingCodeDigits.Length..];
            var potential = home.StripNationalPrefix(rest) is { } stripped ? stripped.AsSpan() : rest;
            if ((!home.MatchesGeneralPattern(digits) && home.MatchesGeneralPattern(potential)) || home.CheckLength(digits.Length) == LengthCheck.TooLong)
            {
                return Finish(raw, home.CallingCode, MainRegion(home.CallingCode, home), potential, extension);
            }
        }

        return Finish(raw, home.CallingCode, home, digits, extension);
    }

    private PhoneParseResult International(string raw, ReadOnlySpan<char> digits, NumberingRegion? home, string? extension, bool retry)
    {
        if (digits.Length <= 2)
        {
            return PhoneParseResult.Fail(
                PhoneParseError.TooShort,
                digits.Length == 0
                    ? $"'{raw}' has an international prefix but no number after it."
                    : $"'{raw}' has only {digits.Length} digits after its international prefix; write the country code and the whole number.");
        }

        var code = plan.CallingCodeAt(digits);
        if (code == 0)
        {
            // "+0044 20...": libphonenumber tries once more without the plus, with the home country's international prefix.
            var idd = retry && home is not null ? home.InternationalPrefixLength(digits) : 0;
            return idd > 0
                ? International(raw, digits[idd..], home, extension, retry: false)
                : PhoneParseResult.Fail(
                    PhoneParseError.UnknownCountryCode,
                    $"'{raw}' starts with +{digits[..Math.Min(3, digits.Length)]}, which is not an assigned country calling code; check the number, or type it without + in its national form.");
        }

        var codeLength = code < 10 ? 1 : code < 100 ? 2 : 3;
        return Finish(raw, code, MainRegion(code, home), digits[codeLength..], extension);
    }

    /// <summary>The region whose national prefix rules apply: the home region if it has the code, else the code's main region.</summary>
    private NumberingRegion MainRegion(int code, NumberingRegion? home)
    {
        var main = plan.RegionsOf(code)![0];
        return home is not null && home.Code == main.Code ? home : main;
    }

    /// <summary>Strips the trunk prefix where the length allows it (libphonenumber's last step) and checks the result.</summary>
    private static PhoneParseResult Finish(string raw, int code, NumberingRegion region, ReadOnlySpan<char> national, string? extension)
    {
        if (national.Length < 2)
        {
            return PhoneParseResult.Fail(PhoneParseError.TooShort, $"'{raw}' is too short: {Expected(region)}, this has {national.Length}.");
        }

        // "+61 (0)4 1234 5678", "0011 61 04...": a trunk prefix after the country code is dropped when what remains is a possible length.
        if (region.StripNationalPrefix(national) is { } stripped
            && region.CheckLength(stripped.Length) is not (LengthCheck.TooShort or LengthCheck.PossibleLocalOnly or LengthCheck.InvalidLength))
        {
            national = stripped;
        }

        var codeDigits = region.CallingCodeDigits;
        if (codeDigits.Length + national.Length > MaxE164Digits)
        {
            return PhoneParseResult.Fail(
                PhoneParseError.TooLong,
                $"'{raw}' has {codeDigits.Length + national.Length} digits with its country code; E.164 allows at most 15.");
        }

        var error = region.CheckLength(national.Length) switch
        {
            LengthCheck.TooShort or LengthCheck.PossibleLocalOnly => PhoneParseError.TooShort,
            LengthCheck.TooLong => PhoneParseError.TooLong,
            LengthCheck.InvalidLength => PhoneParseError.InvalidLength,
            _ => PhoneParseError.None,
        };
        if (error != PhoneParseError.None)
        {
            var what = error switch
            {
                PhoneParseError.TooShort => "too short",
                PhoneParseError.TooLong => "too long",
                _ => "not a possible length",
            };
            return PhoneParseResult.Fail(error, $"'{raw}' is {what}: {Expected(region)}, this has {national.Length}.");
        }

        if (code == 1 && (national[0] < '2' || national[3] < '2'))
        {
            return PhoneParseResult.Fail(
                PhoneParseError.InvalidNanpNumber,
                $"'{raw}' is not a North American number: neither the area code nor the exchange may start with 0 or 1.");
        }

        return PhoneParseResult.Ok(new E164Number(string.Concat(codeDigits, national), codeDigits.Length), extension);
    }

    private static string Expected(NumberingRegion region)
    {
        var lengths = new List<string>();
        for (var n = 1; n < 32; n++)
        {
            if ((region.General.Lengths & (1 << n)) != 0)
            {
                lengths.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var list = lengths.Count == 1 ? lengths[0] : string.Join(", ", lengths[..^1]) + " or " + lengths[^1];
        return $"numbers in +{region.CallingCode} have {list} digits after the country code";
    }

    private static string Shorten(string raw) => raw.Length <= 24 ? raw : raw[..24] + "…";
}
