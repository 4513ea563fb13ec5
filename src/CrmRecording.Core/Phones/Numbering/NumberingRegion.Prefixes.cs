namespace CrmRecording.Core.Phones.Numbering;

/// <summary>The international prefix and the national prefix for parsing, applied as libphonenumber applies them.</summary>
internal sealed partial class NumberingRegion
{
    /// <summary>
    /// The length of the international prefix that starts <paramref name="digits"/> (<c>011</c> in the US,
    /// <c>00</c> + a carrier in Brazil, <c>0011</c> in Australia), or 0. As in libphonenumber, a prefix
    /// followed by 0 is not taken: no country calling code starts with 0.
    /// </summary>
    public int InternationalPrefixLength(ReadOnlySpan<char> digits)
    {
        if (_internationalPrefix.Value is not { } rule || !rule.MayMatch(digits))
        {
            return 0;
        }

        foreach (var match in rule.Regex.EnumerateMatches(digits))
        {
            var end = match.Length;
            return end > 0 && (end == digits.Length || digits[end] != '0') ? end : 0;
        }

        return 0;
    }

    /// <summary>
    /// libphonenumber's maybeStripNationalPrefixAndCarrierCode: the number without its trunk prefix (and
    /// carrier code), with the region's transform applied (Argentina's <c>0 11 15</c> becomes <c>9 11</c>);
    /// null when nothing is stripped. A number that fits the region's general pattern is stripped only when
    /// the result still fits it.
    /// </summary>
    public string? StripNationalPrefix(ReadOnlySpan<char> digits)
    {
        if (digits.Length == 0 || _nationalPrefix.Value is not { } rule || !rule.MayMatch(digits))
        {
            return null;
        }

        var number = digits.ToString();
        var match = rule.Regex.Match(number);
        if (!match.Success)
        {
            return null;
        }

        var viable = MatchesGeneralPattern(number);
        string result;
        if (string.IsNullOrEmpty(TransformRule) || rule.Groups == 0 || !match.Groups[rule.Groups].Success)
        {
            result = number[match.Length..];
        }
        else
        {
            result = rule.Regex.Replace(number, TransformRule, 1);
        }

        return viable && !MatchesGeneralPattern(result) ? null : result;
    }
}
