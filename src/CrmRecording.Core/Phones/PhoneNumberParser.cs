namespace CrmRecording.Core.Phones;

/// <summary>
/// Reads phone numbers the way reps type them — <c>(415) 555-0142</c>, <c>+44 20 7946 0958</c>,
/// <c>001 415 555 0142</c>, <c>020 7946 0958</c> with a default country, with or without an extension —
/// into E.164, or says precisely why it cannot.
/// </summary>
public sealed class PhoneNumberParser(CallingCodeTable callingCodes)
{
    private const int MaxE164Digits = 15;
    private const int MaxInputLength = 64;

    public static PhoneNumberParser Default { get; } = new(CallingCodeTable.Default);

    /// <param name="raw">What was typed.</param>
    /// <param name="defaultCountry">ISO 3166-1 alpha-2 country assumed for numbers written without an international prefix.</param>
    public PhoneParseResult Parse(string? raw, string? defaultCountry = null)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return PhoneParseResult.Fail(PhoneParseError.Empty, "no phone number was given.");
        }

        if (raw.Length > MaxInputLength)
        {
            return PhoneParseResult.Fail(PhoneParseError.TooLong, $"'{Shorten(raw)}' is {raw.Length} characters; a phone number has at most 15 digits.");
        }

        var text = raw.AsSpan().Trim();
        var extensionError = PhoneExtension.Split(ref text, out var extension);
        if (extensionError is not null)
        {
            return extensionError.Value;
        }

        Span<char> digits = stackalloc char[MaxInputLength];
        var count = 0;
        var plus = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else if (char.IsLetter(c))
            {
                return PhoneParseResult.Fail(
                    PhoneParseError.ContainsLetters,
                    $"'{raw}' contains the letter '{c}'; type the number in digits (letters are accepted only to mark an extension: x123, ext. 123).");
            }
            else if (!IsSeparator(c))
            {
                return PhoneParseResult.Fail(PhoneParseError.InvalidCharacter, $"'{raw}' contains '{c}', which is not part of a phone number.");
            }
        }

        if (count == 0)
        {
            return PhoneParseResult.Fail(PhoneParseError.Empty, $"'{raw}' contains no digits.");
        }

        return plus
            ? ParseInternational(raw, digits[..count], extension)
            : ParseNational(raw, digits[..count], defaultCountry, extension);
    }

    private PhoneParseResult ParseNational(string raw, ReadOnlySpan<char> digits, string? defaultCountry, string? extension)
    {
        CallingCode? home = null;
        if (!string.IsNullOrEmpty(defaultCountry) && !callingCodes.TryGetByCountry(defaultCountry, out home))
        {
            return PhoneParseResult.Fail(PhoneParseError.NoCountry, $"default country '{defaultCountry}' is not an ISO 3166-1 country with a calling code.");
        }

        if (home is not null && home.InternationalPrefix.Length > 0 && digits.StartsWith(home.InternationalPrefix))
        {
            return ParseInternational(raw, digits[home.InternationalPrefix.Length..], extension);
        }

        // 00 is the ITU-recommended international prefix; no national number begins with it, so it is read
        // as international whatever the default country (001 415 555 0142 from a rep in Europe).
        if (digits.StartsWith("00"))
        {
            return ParseInternational(raw, digits[2..], extension);
        }

        if (home is null)
        {
            return PhoneParseResult.Fail(
                PhoneParseError.NoCountry,
                $"'{raw}' has no country code; write it with + and the country code, or give a default country.");
        }

        var national = digits;
        if (home.Code == 1 && national.Length == 11 && national[0] == '1')
        {
            national = national[1..];
        }
        else if (home.TrunkPrefix.Length > 0 && national.StartsWith(home.TrunkPrefix) && national.Length > home.MinNationalLength)
        {
            national = national[home.TrunkPrefix.Length..];
        }

        return Build(raw, home, national, extension);
    }

    private PhoneParseResult ParseInternational(string raw, ReadOnlySpan<char> digits, string? extension)
    {
        if (digits.Length == 0)
        {
            return PhoneParseResult.Fail(PhoneParseError.TooShort, $"'{raw}' has an international prefix but no number after it.");
        }

        if (!callingCodes.TryMatchPrefix(digits, out var code))
        {
            return PhoneParseResult.Fail(
                PhoneParseError.UnknownCountryCode,
                $"'{raw}' starts with +{digits[..Math.Min(3, digits.Length)]}, which is not an assigned country calling code.");
        }

        var national = digits[code.Digits.Length..];

        // "+44 (0)20 7946 0958": the national trunk prefix written after the country code is dropped.
        if (code.TrunkPrefix.Length > 0 && national.Length > code.MaxNationalLength && national.StartsWith(code.TrunkPrefix))
        {
            national = national[code.TrunkPrefix.Length..];
        }

        return Build(raw, code, national, extension);
    }

    private static PhoneParseResult Build(string raw, CallingCode code, ReadOnlySpan<char> national, string? extension)
    {
        if (code.Digits.Length + national.Length > MaxE164Digits)
        {
            return PhoneParseResult.Fail(
                PhoneParseError.TooLong,
                $"'{raw}' has {code.Digits.Length + national.Length} digits with its country code; E.164 allows at most 15.");
        }

        if (national.Length < code.MinNationalLength)
        {
            return PhoneParseResult.Fail(
                PhoneParseError.TooShort,
                $"'{raw}' is too short: numbers in +{code.Code} have {LengthRange(code)} digits after the country code, this has {national.Length}.");
        }

        if (national.Length > code.MaxNationalLength)
        {
            return PhoneParseResult.Fail(
                PhoneParseError.TooLong,
                $"'{raw}' is too long: numbers in +{code.Code} have {LengthRange(code)} digits after the country code, this has {national.Length}.");
        }

        if (code.Code == 1 && (national[0] < '2' || national[3] < '2'))
        {
            return PhoneParseResult.Fail(
                PhoneParseError.InvalidNanpNumber,
                $"'{raw}' is not a North American number: neither the area code nor the exchange may start with 0 or 1.");
        }

        Span<char> all = stackalloc char[MaxE164Digits];
        code.Digits.AsSpan().CopyTo(all);
        national.CopyTo(all[code.Digits.Length..]);
        var number = new E164Number(new string(all[..(code.Digits.Length + national.Length)]), code.Digits.Length);
        return PhoneParseResult.Ok(number, extension);
    }

    private static string LengthRange(CallingCode code) =>
        code.MinNationalLength == code.MaxNationalLength
            ? code.MinNationalLength.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"{code.MinNationalLength} to {code.MaxNationalLength}";

    private static bool IsSeparator(char c) => c is ' ' or '-' or '.' or '(' or ')' or '/' or '\u00A0' or '\u2011' or '\u2013' or '\t';

    private static string Shorten(string raw) => raw.Length <= 24 ? raw : raw[..24] + "…";
}
