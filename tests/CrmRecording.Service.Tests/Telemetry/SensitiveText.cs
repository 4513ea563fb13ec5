using System.Text.RegularExpressions;

namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>
/// What must never be in a log line: any phone number, international (<c>+14155550101</c>, <c>+1 415 555 0101</c>) or
/// national (<c>(415) 555-0101</c>, <c>415-555-0101</c>, <c>415.555.0101</c>, <c>4155550101</c>), and the exact secrets a test used.
/// </summary>
internal static partial class SensitiveText
{
    /// <returns>What was found in <paramref name="line"/> (the kind, not the value), or null.</returns>
    public static string? Find(string line, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (International().IsMatch(line))
        {
            return "an international phone number";
        }

        if (National().IsMatch(line))
        {
            return "a national phone number";
        }

        return secrets.Any(s => line.Contains(s, StringComparison.Ordinal)) ? "a secret or token" : null;
    }

    /// <summary>A plus and 8 to 15 digits, with or without spaces, dots, dashes or brackets between groups.</summary>
    [GeneratedRegex(@"\+[1-9](?:[\s.()-]{0,2}\d){7,14}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex International();

    /// <summary>A North American number written nationally: area code (bracketed or not), exchange, line; or ten bare digits.</summary>
    [GeneratedRegex(@"(?<![\w.-])(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])|(?<![\w.-])[2-9]\d{2}[2-9]\d{6}(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex National();
}
