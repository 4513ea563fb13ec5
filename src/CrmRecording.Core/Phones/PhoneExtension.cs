using System.Text;

namespace CrmRecording.Core.Phones;

/// <summary>
/// Finds and removes an extension written after a number, in the forms libphonenumber reads: RFC 3966
/// <c>;ext=123</c>; a label (<c>ext. 123</c>, <c>extension 9</c>, <c>extn 12</c>, <c>anexo 3</c>, <c>доб 4</c>,
/// <c>(ext 12)</c>); a one-character label (<c>x123</c>, <c>#77</c>, <c>~5</c>, <c>int 5</c>); dialler pauses
/// (<c>,,123</c>, <c>;123</c>, <c>,123</c>); and the American <c>- 503#</c>. The number before it must still read
/// as a number. Extensions longer than <see cref="MaxDigits"/> digits are refused.
/// </summary>
internal static class PhoneExtension
{
    private const int MaxDigits = 7;

    // Longest first, so "extension" is not read as "ext" + "ension". Digits allowed after each (libphonenumber's limits).
    private static readonly (string Label, int Limit, bool Spaced)[] Labels =
    [
        (";ext=", 20, false),
        ("extensio\u0301n", 20, true), ("xtensio\u0301n", 20, true), ("extensio\u0301", 20, true), ("xtensio\u0301", 20, true),
        ("extensión", 20, true), ("xtensión", 20, true), ("extensión", 20, true), ("extension", 20, true), ("xtension", 20, true),
        ("extensió", 20, true), ("xtensió", 20, true), ("extensio", 20, true), ("xtensio", 20, true),
        ("extn", 20, true), ("xtn", 20, true), ("ext", 20, true), ("xt", 20, true),
        ("\uFF45\uFF58\uFF54\uFF4E", 20, true), ("\uFF58\uFF54\uFF4E", 20, true), ("\uFF45\uFF58\uFF54", 20, true), ("\uFF58\uFF54", 20, true),
        ("\u0434\u043E\u0431", 20, true), ("anexo", 20, true),
        ("\uFF49\uFF4E\uFF54", 9, true), ("int", 9, true),
        ("x", 9, true), ("\uFF58", 9, true), ("#", 9, true), ("\uFF03", 9, true), ("~", 9, true), ("\uFF5E", 9, true),
    ];

    /// <returns>An error when an extension is marked but is not 1 to <see cref="MaxDigits"/> digits; otherwise null.</returns>
    public static PhoneParseResult? Split(ref ReadOnlySpan<char> text, out string? extension)
    {
        extension = null;
        if (!MayHaveExtension(text))
        {
            return null;
        }

        var at = Find(text, out var digits);
        if (at < 0)
        {
            return DanglingMarker(text);
        }

        if (digits.Length > MaxDigits)
        {
            return PhoneParseResult.Fail(
                PhoneParseError.InvalidExtension,
                $"the extension '{text[at..].Trim().ToString()}' has {digits.Length} digits; an extension has 1 to {MaxDigits}, as in x123 or ext. 123.");
        }

        extension = digits;
        text = text[..at];
        return null;
    }

    /// <summary>Most numbers have no letter, '#', '~', ',' or ';', and then nothing more is searched.</summary>
    private static bool MayHaveExtension(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is '#' or '~' or ',' or ';' || char.IsLetter(c) || c > '\u2000')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where the extension starts (its label or separators), or -1; <paramref name="digits"/> are its digits in ASCII.</summary>
    private static int Find(ReadOnlySpan<char> text, out string digits)
    {
        digits = string.Empty;
        var end = text.Length;
        var hash = end > 0 && text[end - 1] is '#' or '\uFF03';
        if (hash)
        {
            end--;
        }

        var first = end;
        while (first > 0 && PhoneInputText.IsDigit(text[first - 1]))
        {
            first--;
        }

        var count = end - first;
        if (count == 0)
        {
            return -1;
        }

        var at = LabelledStart(text, first, count);
        if (at < 0 && hash && count <= 6)
        {
            // "- 503#": an American extension after dashes or spaces, closed by '#'.
            at = first;
            while (at > 0 && text[at - 1] is '-' or ' ')
            {
                at--;
            }

            at = at < first ? at : -1;
        }

        if (at < 0 || !ReadsAsNumber(text[..at]))
        {
            return -1;
        }

        var ascii = new StringBuilder(count);
        foreach (var c in text[first..end])
        {
            ascii.Append((char)('0' + PhoneInputText.DigitValue(c)));
        }

        digits = ascii.ToString();
        return at;
    }

    private static int LabelledStart(ReadOnlySpan<char> text, int first, int count)
    {
        foreach (var (label, limit, spaced) in Labels)
        {
            if (count > limit)
            {
                continue;
            }

            var at = first;
            if (spaced)
            {
                // Between label and digits: an optional ':' or '.', then spaces, commas or dashes.
                while (at > 0 && text[at - 1] is ' ' or '\u00A0' or '\t' or ',' or '-')
                {
                    at--;
                }

                if (at > 0 && text[at - 1] is ':' or '.' or '\uFF0E')
                {
                    at--;
                }
            }

            if (at < label.Length || char.ToLowerInvariant(text[at - 1]) != label[^1]
                || !text[(at - label.Length)..at].Equals(label, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            at -= label.Length;
            while (at > 0 && text[at - 1] is ' ' or '\u00A0' or '\t' or ',')
            {
                at--;
            }

            return at;
        }

        return PauseStart(text, first, count);
    }

    /// <summary>Dialler pauses before the extension: ",,123" or ";123" (up to 15 digits), ",123" (up to 9).</summary>
    private static int PauseStart(ReadOnlySpan<char> text, int first, int count)
    {
        var at = first;
        while (at > 0 && text[at - 1] is ' ' or '\u00A0' or '\t' or ',' or '-' or ':' or '.' or '\uFF0E' or ';')
        {
            at--;
        }

        var run = text[at..first];
        var semicolon = run.IndexOf(';');
        var comma = run.IndexOf(',');
        var mark = semicolon >= 0 && (comma < 0 || semicolon < comma) ? semicolon : comma;
        if (mark < 0 || run[..mark].ContainsAnyExcept(" \u00A0\t") || run[(mark + 1)..].IndexOf(';') >= 0)
        {
            return -1;
        }

        var doubled = run[mark] == ';' || (mark + 1 < run.Length && run[mark + 1] == ',');
        if (count > (doubled ? 15 : 9))
        {
            return -1;
        }

        return at;
    }

    /// <summary>libphonenumber keeps an extension only when what is before it is still a viable number: three digits at least.</summary>
    private static bool ReadsAsNumber(ReadOnlySpan<char> text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            digits += PhoneInputText.IsDigit(c) ? 1 : 0;
        }

        return digits >= 3;
    }

    /// <summary>An extension label after the number with no digits after it ("ext", "x"), which would otherwise be read as keypad letters.</summary>
    private static PhoneParseResult? DanglingMarker(ReadOnlySpan<char> text)
    {
        var firstDigit = text.IndexOfAnyInRange('0', '9');
        if (firstDigit < 0)
        {
            return null;
        }

        foreach (var marker in (ReadOnlySpan<string>)[";ext=", "extension", "ext", "x", "#"])
        {
            var at = text[firstDigit..].LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            var tail = text[(firstDigit + at + marker.Length)..].Trim(" :.".AsSpan());
            if (tail.ContainsAnyInRange('A', 'Z') || tail.ContainsAnyInRange('a', 'z'))
            {
                continue;
            }

            return PhoneParseResult.Fail(
                PhoneParseError.InvalidExtension,
                $"the extension '{text[(firstDigit + at)..].ToString()}' must be 1 to {MaxDigits} digits, as in x123 or ext. 123.");
        }

        return null;
    }
}
