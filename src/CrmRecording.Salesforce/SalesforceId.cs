using System.Diagnostics.CodeAnalysis;

namespace CrmRecording.Salesforce;

/// <summary>
/// A Salesforce record id in its 18-character, case-insensitive-safe form. The API answers 18 characters but
/// the UI, reports and formulas show 15 (case-sensitive); both forms of one record compare equal here, because
/// the 15-character form is turned into the 18-character one with Salesforce's documented checksum suffix.
/// </summary>
public readonly record struct SalesforceId
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceId(string value) => Value = value;

    /// <summary>The 18-character id, e.g. <c>0035g00000AbCdEAAV</c>.</summary>
    public string Value { get; }

    /// <summary>The three-character key prefix naming the object: <c>003</c> Contact, <c>00Q</c> Lead, <c>006</c> Opportunity, <c>005</c> User.</summary>
    public string KeyPrefix => Value[..3];

    public static SalesforceId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a 15- or 18-character Salesforce id.");

    /// <summary>
    /// Accepts a 15-character id (and adds its suffix) or an 18-character one as given: the API always answers
    /// 18 characters, and an id's checksum is Salesforce's to judge, not ours.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SalesforceId id)
    {
        id = default;
        if (text is null || (text.Length != 15 && text.Length != 18) || !text.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        id = new SalesforceId(text.Length == 18 ? text : text + Suffix(text));
        return true;
    }

    public override string ToString() => Value ?? string.Empty;

    /// <summary>For each block of five characters, a letter whose bits say which of them are upper case.</summary>
    private static string Suffix(ReadOnlySpan<char> id15)
    {
        Span<char> suffix = stackalloc char[3];
        for (var block = 0; block < 3; block++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[(block * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            suffix[block] = Alphabet[bits];
        }

        return new string(suffix);
    }
}
