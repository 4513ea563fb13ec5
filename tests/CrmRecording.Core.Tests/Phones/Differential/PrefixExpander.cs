using CrmRecording.Core.Phones.Numbering;

namespace CrmRecording.Core.Tests.Phones.Differential;

/// <summary>Every string a (small) prefix pattern matches, e.g. Korea's <c>00(?:[125689]|3(?:[46]5|91)|7(?:00|27|3|55|6[126]))</c>.</summary>
internal static class PrefixExpander
{
    public static IReadOnlyList<string> Expand(string pattern, int limit = 64) =>
        Expand(DigitPattern.Parse(pattern), limit).Distinct().Take(limit).ToList();

    private static IEnumerable<string> Expand(DigitPattern p, int limit) => p switch
    {
        DigitPattern.Digits d => Enumerable.Range(0, 10).Where(i => (d.Mask & (1 << i)) != 0).Select(i => ((char)('0' + i)).ToString()),
        DigitPattern.Choice c => c.Options.SelectMany(o => Expand(o, limit)).Take(limit),
        DigitPattern.Sequence s => s.Items.Aggregate((IEnumerable<string>)[string.Empty], (acc, item) => acc.SelectMany(a => Expand(item, limit).Select(b => a + b)).Take(limit)),
        DigitPattern.Repeat r => Enumerable.Range(r.Min, r.Max - r.Min + 1)
            .SelectMany(n => Enumerable.Repeat(r.Item, n).Aggregate((IEnumerable<string>)[string.Empty], (acc, item) => acc.SelectMany(a => Expand(item, limit).Select(b => a + b)).Take(limit))),
        _ => [string.Empty],
    };
}
