using System.Globalization;

namespace CrmRecording.Core.Phones;

/// <summary>
/// The characters of a typed or pasted number, read the way libphonenumber reads them: which may start a
/// number, which are separators, which digits (any script's, full-width included) and keypad letters mean.
/// </summary>
internal static class PhoneInputText
{
    /// <summary>libphonenumber's valid punctuation: dashes, spaces, dots, slashes, brackets and tildes, with their full-width forms.</summary>
    public static bool IsSeparator(char c) => c switch
    {
        '-' or ' ' or '.' or '(' or ')' or '[' or ']' or '/' or '~' => true,
        '\u00A0' or '\u00AD' or '\u200B' or '\u2060' or '\u3000' or '\u2053' or '\u223C' or '\u2212' or '\u30FC' => true,
        >= '\u2010' and <= '\u2015' => true,
        '\uFF0D' or '\uFF0E' or '\uFF0F' or '\uFF08' or '\uFF09' or '\uFF3B' or '\uFF3D' or '\uFF5E' => true,
        _ => false,
    };

    public static bool IsPlus(char c) => c is '+' or '\uFF0B';

    /// <summary>The value of a decimal digit of any script (<c>٣</c>, <c>３</c>), or -1.</summary>
    public static int DigitValue(char c) =>
        char.IsAsciiDigit(c) ? c - '0' : char.IsDigit(c) ? CharUnicodeInfo.GetDecimalDigitValue(c) : -1;

    public static bool IsDigit(char c) => DigitValue(c) >= 0;

    /// <summary>The digit a letter stands for on a phone keypad (ITU-T E.161): ABC 2 ... WXYZ 9.</summary>
    public static char KeypadDigit(char letter) => (char)((char.ToUpperInvariant(letter) - 'A') switch
    {
        < 3 => '2',
        < 6 => '3',
        < 9 => '4',
        < 12 => '5',
        < 15 => '6',
        < 19 => '7',
        < 22 => '8',
        _ => '9',
    });

    /// <summary>
    /// libphonenumber's extractPossibleNumber: from the first plus or digit (a leading <c>☎</c>, <c>Tel:</c> or
    /// bullet is dropped), without trailing characters that are neither letters, digits nor <c>#</c>, and
    /// without a second number written after <c>/x</c>. Empty when there is no digit at all.
    /// </summary>
    public static ReadOnlySpan<char> PossibleNumber(ReadOnlySpan<char> text, out int skipped)
    {
        skipped = 0;
        var start = 0;
        while (start < text.Length && !IsPlus(text[start]) && !IsDigit(text[start]))
        {
            start++;
        }

        if (start == text.Length)
        {
            return [];
        }

        skipped = start;
        var number = text[start..];
        var end = number.Length;
        while (end > 0 && !char.IsLetterOrDigit(number[end - 1]) && !char.IsNumber(number[end - 1]) && number[end - 1] != '#')
        {
            end--;
        }

        number = number[..end];
        for (var i = 0; i < number.Length; i++)
        {
            if (number[i] is '/' or '\\')
            {
                var j = i + 1;
                while (j < number.Length && number[j] == ' ')
                {
                    j++;
                }

                if (j < number.Length && number[j] == 'x')
                {
                    return number[..i];
                }
            }
        }

        return number;
    }
}
