namespace CrmRecording.Core.Phones;

/// <summary>From what was typed or pasted to a string of ASCII digits: tel: URIs, leading symbols, extensions, separators, keypad letters.</summary>
public sealed partial class PhoneNumberParser
{
    private const string PhoneContext = ";phone-context=";

    private static readonly System.Buffers.SearchValues<char> GlobalContextChars = System.Buffers.SearchValues.Create("0123456789-.()");

    /// <summary>
    /// The part of <paramref name="raw"/> that is the number, without its extension (libphonenumber's
    /// buildNationalNumberForParsing, extractPossibleNumber and maybeStripExtension). RFC 3966: in
    /// <c>tel:863-1234;phone-context=+1-914-555</c> the global context is written before the local number.
    /// </summary>
    private static PhoneParseResult? ReadText(string raw, out ReadOnlySpan<char> text, out string? extension)
    {
        text = [];
        extension = null;
        ReadOnlySpan<char> number;
        var context = raw.IndexOf(PhoneContext, StringComparison.Ordinal);
        if (context >= 0)
        {
            var valueStart = context + PhoneContext.Length;
            var valueEnd = raw.IndexOf(';', valueStart);
            var value = raw[valueStart..(valueEnd < 0 ? raw.Length : valueEnd)];
            if (!IsPhoneContext(value))
            {
                return PhoneParseResult.Fail(
                    PhoneParseError.InvalidCharacter,
                    $"'{raw}': the tel: URI's phone-context '{value}' is neither + and digits (+1-415) nor a domain name (RFC 3966).");
            }

            var tel = raw.IndexOf("tel:", StringComparison.Ordinal);
            var from = tel >= 0 ? tel + 4 : 0;
            var local = from < context ? raw[from..context] : string.Empty;
            number = value[0] == '+' ? value + local : local;
        }
        else
        {
            number = PhoneInputText.PossibleNumber(raw, out _);
        }

        var subaddress = number.IndexOf(";isub=", StringComparison.Ordinal);
        if (subaddress > 0)
        {
            number = number[..subaddress];
        }

        if (number.IsEmpty)
        {
            var letter = raw.AsSpan().IndexOfAnyInRange('A', 'z');
            return letter >= 0 && char.IsAsciiLetter(raw[letter])
                ? PhoneParseResult.Fail(PhoneParseError.ContainsLetters, $"'{raw}' contains letters but no digits; type the number in digits, as in +44 20 7946 0958.")
                : PhoneParseResult.Fail(PhoneParseError.Empty, $"'{raw}' contains no digits.");
        }

        var error = PhoneExtension.Split(ref number, out extension);
        text = number;
        return error;
    }

    /// <summary>
    /// Checks every character and writes the digits to <paramref name="output"/>: any script's digits as
    /// ASCII, separators dropped, and, when the number has three letters or more (1-800-FLOWERS), letters as
    /// their keypad digits. One or two stray letters, a <c>*</c>, a <c>+</c> after the start or any other
    /// character are refused.
    /// </summary>
    private static (int Length, PhoneParseResult? Error) Normalize(string raw, ReadOnlySpan<char> text, Span<char> output, out bool plus)
    {
        var at = 0;
        while (at < text.Length && PhoneInputText.IsPlus(text[at]))
        {
            at++;
        }

        plus = at > 0;
        var digits = 0;
        var letters = 0;
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (PhoneInputText.IsDigit(c))
            {
                digits++;
            }
            else if (char.IsAsciiLetter(c))
            {
                if (digits < 3)
                {
                    return (0, Letters(raw, c));
                }

                letters++;
            }
            else if (!PhoneInputText.IsSeparator(c))
            {
                return (0, char.IsLetter(c)
                    ? Letters(raw, c)
                    : PhoneParseResult.Fail(PhoneParseError.InvalidCharacter, $"'{raw}' contains '{c}', which is not part of a phone number."));
            }
        }

        if (letters is 1 or 2)
        {
            var first = text[at..].IndexOfAnyInRange('A', 'z');
            return (0, Letters(raw, text[at + first]));
        }

        if (digits + letters > output.Length)
        {
            return (0, PhoneParseResult.Fail(PhoneParseError.TooLong, $"'{Shorten(raw)}' has {digits + letters} digits; a phone number has at most 15."));
        }

        var length = 0;
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            var d = PhoneInputText.DigitValue(c);
            if (d >= 0)
            {
                output[length++] = (char)('0' + d);
            }
            else if (char.IsAsciiLetter(c))
            {
                output[length++] = PhoneInputText.KeypadDigit(c);
            }
        }

        return length == 0
            ? (0, PhoneParseResult.Fail(PhoneParseError.Empty, $"'{raw}' contains no digits."))
            : (length, null);
    }

    private static PhoneParseResult Letters(string raw, char c) => PhoneParseResult.Fail(
        PhoneParseError.ContainsLetters,
        $"'{raw}' contains the letter '{c}'; type the number in digits (letters are read only as a keypad word of three or more, 1-800-FLOWERS, or to mark an extension: x123, ext. 123).");

    /// <summary>RFC 3966 phone-context: a global number prefix (+1-415) or a domain name.</summary>
    private static bool IsPhoneContext(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        if (value[0] == '+')
        {
            var body = value.AsSpan(1);
            return body.ContainsAnyInRange('0', '9') && !body.ContainsAnyExcept(GlobalContextChars);
        }

        var labels = value.TrimEnd('.').Split('.');
        return labels.All(l => l.Length > 0 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            && char.IsAsciiLetter(labels[^1][0]);
    }
}
