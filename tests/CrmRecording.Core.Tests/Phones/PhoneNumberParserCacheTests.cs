using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Tests.Phones;

public sealed class PhoneNumberParserCacheTests
{
    private static readonly string[] Inputs = ["(415) 555-0142", "+44 20 7946 0958", "n/a", "008 1 415 555 0142", "+61 (0)4 1234 5678", "(415) 555-0142"];

    [Fact]
    public void Parse_Cached_ReadsEveryInputAsTheUncachedParser()
    {
        var cached = new PhoneNumberParser(PhoneNumberingPlan.Default, 2);
        var uncached = new PhoneNumberParser(PhoneNumberingPlan.Default, 0);
        foreach (var country in new[] { "US", "KR", "AU" })
        {
            foreach (var raw in Inputs.Concat(Inputs))
            {
                var a = cached.Parse(raw, country);
                var b = uncached.Parse(raw, country);
                Assert.Equal(b.Error, a.Error);
                Assert.Equal(b.Message, a.Message);
                Assert.Equal(b.Number, a.Number);
                Assert.Equal(b.Extension, a.Extension);
            }
        }
    }

    [Fact]
    public void Parse_SameInputInAnotherCountry_IsNotServedFromTheCache()
    {
        var parser = new PhoneNumberParser(PhoneNumberingPlan.Default, 16);
        Assert.Equal("+14155550142", parser.Parse("415 555 0142", "US").Number.ToString());
        Assert.StartsWith("+49", parser.Parse("415 555 0142", "DE").Number.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_NumbersWithAndWithoutTheirAnalysis_AreEqual()
    {
        var analysed = PhoneNumberParser.Default.Parse("+1 415 555 0142").Number;
        var plain = new PhoneNumberParser(PhoneNumberingPlan.Default, 0).Parse("+1 415 555 0142").Number;
        Assert.Equal(plain, analysed);
        Assert.Equal(plain.GetHashCode(), analysed.GetHashCode());
    }
}
