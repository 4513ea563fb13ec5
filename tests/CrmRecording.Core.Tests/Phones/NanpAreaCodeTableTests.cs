using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Tests.Phones;

public sealed class NanpAreaCodeTableTests
{
    private static readonly NanpAreaCodeTable Table = NanpAreaCodeTable.Default;

    [Theory]
    [InlineData("415", "US-CA", NanpAreaCodeKind.Geographic)]
    [InlineData("212", "US-NY", NanpAreaCodeKind.Geographic)]
    [InlineData("332", "US-NY", NanpAreaCodeKind.Overlay)]
    [InlineData("917", "US-NY", NanpAreaCodeKind.Overlay)]
    [InlineData("702", "US-NV", NanpAreaCodeKind.Geographic)]
    [InlineData("725", "US-NV", NanpAreaCodeKind.Overlay)]
    [InlineData("203", "US-CT", NanpAreaCodeKind.Geographic)]
    [InlineData("202", "US-DC", NanpAreaCodeKind.Geographic)]
    [InlineData("787", "US-PR", NanpAreaCodeKind.Geographic)]
    [InlineData("416", "CA-ON", NanpAreaCodeKind.Geographic)]
    [InlineData("514", "CA-QC", NanpAreaCodeKind.Geographic)]
    [InlineData("876", "JM", NanpAreaCodeKind.Geographic)]
    [InlineData("242", "BS", NanpAreaCodeKind.Geographic)]
    public void TryGet_GeographicCode_GivesItsPlace(string code, string region, NanpAreaCodeKind kind)
    {
        Assert.True(Table.TryGet(code, out var area));
        Assert.Contains(region, area.Regions.Select(r => r.Value));
        Assert.Equal(kind, area.Kind);
        Assert.True(area.IsGeographic);
    }

    [Theory]
    [InlineData("800", NanpAreaCodeKind.TollFree)]
    [InlineData("833", NanpAreaCodeKind.TollFree)]
    [InlineData("844", NanpAreaCodeKind.TollFree)]
    [InlineData("855", NanpAreaCodeKind.TollFree)]
    [InlineData("866", NanpAreaCodeKind.TollFree)]
    [InlineData("877", NanpAreaCodeKind.TollFree)]
    [InlineData("888", NanpAreaCodeKind.TollFree)]
    [InlineData("500", NanpAreaCodeKind.PersonalCommunications)]
    [InlineData("533", NanpAreaCodeKind.PersonalCommunications)]
    [InlineData("900", NanpAreaCodeKind.Premium)]
    [InlineData("700", NanpAreaCodeKind.NonGeographic)]
    [InlineData("710", NanpAreaCodeKind.NonGeographic)]
    public void TryGet_NonGeographicCode_GivesNoPlace(string code, NanpAreaCodeKind kind)
    {
        Assert.True(Table.TryGet(code, out var area));
        Assert.Equal(kind, area.Kind);
        Assert.Empty(area.Regions);
        Assert.False(area.IsGeographic);
    }

    [Fact]
    public void TryGet_867_CoversAllThreeNorthernTerritories()
    {
        Assert.True(Table.TryGet("867", out var area));
        Assert.Equal(["CA-NT", "CA-NU", "CA-YT"], area.Regions.Select(r => r.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Default_EveryStateDcAndPuertoRico_HasAnAreaCode()
    {
        var regions = Table.All.SelectMany(a => a.Regions).Select(r => r.Value).ToHashSet();
        foreach (var state in Jurisdictions.JurisdictionCatalogTests.RequiredCodeList().Where(c => c.StartsWith("US-", StringComparison.Ordinal) || c.StartsWith("CA-", StringComparison.Ordinal)))
        {
            Assert.Contains(state, regions);
        }
    }

    [Theory]
    [InlineData("123")]
    [InlineData("41")]
    [InlineData("4a5")]
    public void TryGet_NotAnAreaCode_IsNotFound(string code)
    {
        Assert.False(Table.TryGet(code, out _));
    }
}
