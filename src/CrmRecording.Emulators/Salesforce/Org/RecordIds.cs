namespace CrmRecording.Emulators.Salesforce.Org;

/// <summary>
/// Record ids as Salesforce makes them: a three-character key prefix naming the object, twelve more characters,
/// and the three-character suffix that makes the id safe in case-insensitive systems (one letter per block of
/// five saying which of its characters are upper case).
/// </summary>
internal static class RecordIds
{
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>The 18-character id for <paramref name="prefix"/> followed by <paramref name="body"/> (twelve characters).</summary>
    public static string Make(string prefix, string body)
    {
        if (prefix.Length != 3 || body.Length != 12)
        {
            throw new ArgumentException($"An id is a 3-character prefix and 12 more characters (got '{prefix}' and '{body}').");
        }

        return WithSuffix(prefix + body);
    }

    public static string Make(string prefix, long number) => Make(prefix, number.ToString("D12", System.Globalization.CultureInfo.InvariantCulture));

    public static string WithSuffix(string id15)
    {
        var suffix = new char[3];
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

            suffix[block] = SuffixAlphabet[bits];
        }

        return id15 + new string(suffix);
    }

    /// <summary>The 18-character form of a 15- or 18-character id; null for anything else.</summary>
    public static string? Normalize(string? id) => id switch
    {
        { Length: 15 } when id.All(char.IsAsciiLetterOrDigit) => WithSuffix(id),
        { Length: 18 } when id.All(char.IsAsciiLetterOrDigit) => WithSuffix(id[..15]),
        _ => null,
    };
}
