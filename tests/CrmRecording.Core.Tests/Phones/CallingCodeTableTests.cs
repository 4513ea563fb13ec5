using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Tests.Phones;

public sealed class CallingCodeTableTests
{
    private static readonly CallingCodeTable Table = CallingCodeTable.Default;

    [Fact]
    public void Default_Codes_ArePrefixFreeAsE164Requires()
    {
        var digits = Table.All.Select(c => c.Digits).ToList();
        foreach (var a in digits)
        {
            Assert.DoesNotContain(digits, b => b != a && b.StartsWith(a, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Default_CoversTheWholeAssignmentList()
    {
        Assert.True(Table.All.Count > 200, $"only {Table.All.Count} calling codes");
        Assert.All(Table.All.Where(c => c.IsGeographic), c => Assert.NotEmpty(c.Countries));
    }

    [Theory]
    [InlineData("14155550142", 1, "US")]
    [InlineData("442079460958", 44, "GB")]
    [InlineData("35312345678", 353, "IE")]
    [InlineData("4930123456", 49, "DE")]
    [InlineData("97141234567", 971, "AE")]
    public void TryMatchPrefix_Number_FindsItsCallingCode(string digits, int code, string mainCountry)
    {
        Assert.True(Table.TryMatchPrefix(digits, out var found));
        Assert.Equal(code, found.Code);
        Assert.Equal(mainCountry, found.Countries[0]);
    }

    [Theory]
    [InlineData("US", 1, "011")]
    [InlineData("GB", 44, "00")]
    [InlineData("AU", 61, "0011")]
    [InlineData("JP", 81, "010")]
    public void TryGetByCountry_Country_GivesCodeAndInternationalPrefix(string country, int code, string prefix)
    {
        Assert.True(Table.TryGetByCountry(country, out var found));
        Assert.Equal(code, found.Code);
        Assert.Equal(prefix, found.InternationalPrefix);
    }

    [Theory]
    [InlineData("+44 1534 123456", "JE")]
    [InlineData("+44 1481 123456", "GG")]
    [InlineData("+44 1624 123456", "IM")]
    [InlineData("+44 20 7946 0958", "GB")]
    [InlineData("+39 06 698 12345", "VA")]
    [InlineData("+39 06 4567 8901", "IT")]
    public void PlacesOf_SharedCallingCode_TellsTheCountryByLeadingDigits(string raw, string country)
    {
        var number = PhoneNumberParser.Default.Parse(raw).Number;
        Assert.True(Table.TryMatchPrefix(number.Digits, out var code));
        Assert.Equal([country], code.PlacesOf(number.NationalSignificantNumber).Select(p => p.Value));
    }
}
