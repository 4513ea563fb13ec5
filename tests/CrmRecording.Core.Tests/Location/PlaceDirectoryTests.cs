using CrmRecording.Core.Location;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Location;

public sealed class PlaceDirectoryTests
{
    private static readonly PlaceDirectory Places = PlaceDirectory.Default;

    [Theory]
    [InlineData("California", null, "US-CA")]
    [InlineData("CA", "US", "US-CA")]
    [InlineData("ca", "US", "US-CA")]
    [InlineData("US-CA", null, "US-CA")]
    [InlineData("Calif.", null, "US-CA")]
    [InlineData("  new   york ", null, "US-NY")]
    [InlineData("ON", "CA", "CA-ON")]
    [InlineData("Québec", null, "CA-QC")]
    [InlineData("NSW", null, "AU-NSW")]
    [InlineData("Victoria", "AU", "AU-VIC")]
    [InlineData("District of Columbia", null, "US-DC")]
    [InlineData("Guam", "US", "US-GU")]
    public void ResolveRegion_WhatCrmsHold_GivesTheCode(string text, string? country, string expected)
    {
        var regions = Places.ResolveRegion(text, country is null ? null : J(country));
        Assert.Equal([expected], regions.Select(r => r.Value));
    }

    [Fact]
    public void ResolveRegion_SharedAbbreviationWithoutCountry_GivesEveryMatch()
    {
        var regions = Places.ResolveRegion("WA").Select(r => r.Value);
        Assert.Equal(["AU-WA", "US-WA"], regions);
    }

    [Theory]
    [InlineData("Kalifornia", "US")]
    [InlineData("ON", "US")]
    [InlineData("US-XX", null)]
    public void ResolveRegion_Unknown_GivesNothing(string text, string? country)
    {
        Assert.Empty(Places.ResolveRegion(text, country is null ? null : J(country)));
    }

    [Theory]
    [InlineData("US", "US")]
    [InlineData("USA", "US")]
    [InlineData("United States", "US")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("Deutschland", "DE")]
    [InlineData("germany", "DE")]
    [InlineData("NG", "NG")]
    [InlineData("Nigeria", "NG")]
    public void TryResolveCountry_CodeOrName_GivesIsoCode(string text, string expected)
    {
        Assert.True(Places.TryResolveCountry(text, out var code));
        Assert.Equal(expected, code.Value);
    }

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("XX")]
    [InlineData("California")]
    public void TryResolveCountry_NotACountry_Fails(string text)
    {
        Assert.False(Places.TryResolveCountry(text, out _));
    }
}
