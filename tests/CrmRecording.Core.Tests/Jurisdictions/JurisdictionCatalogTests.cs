using CrmRecording.Core.Data;
using CrmRecording.Core.Jurisdictions;

namespace CrmRecording.Core.Tests.Jurisdictions;

public sealed class JurisdictionCatalogTests
{
    private static readonly JurisdictionCatalog Catalog = JurisdictionCatalog.Default;

    public static TheoryData<string> RequiredCodes() => new(RequiredCodeList());

    public static List<string> RequiredCodeList()
    {
        var data = new List<string>();
        string[] states =
        [
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
            "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
            "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR",
        ];
        foreach (var s in states)
        {
            data.Add("US-" + s);
        }

        foreach (var p in new[] { "AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK", "NT", "NU", "YT" })
        {
            data.Add("CA-" + p);
        }

        foreach (var s in new[] { "NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT" })
        {
            data.Add("AU-" + s);
        }

        string[] countries =
        [
            "US", "CA", "AU", "GB", "CH", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
            "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "IN", "BR", "MX", "JP", "SG", "ZA", "NZ", "PH", "IL", "AE",
        ];
        foreach (var c in countries)
        {
            data.Add(c);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredCodes))]
    public void Default_RequiredJurisdiction_IsOnFileWithStatuteSourceAndReviewDate(string code)
    {
        Assert.True(Catalog.TryGet(JurisdictionCode.Parse(code), out var j), $"{code} is missing");
        Assert.False(string.IsNullOrWhiteSpace(j.Name));
        Assert.False(string.IsNullOrWhiteSpace(j.Statute));
        Assert.False(string.IsNullOrWhiteSpace(j.Note));
        Assert.NotEmpty(j.Sources);
        Assert.All(j.Sources, s => Assert.StartsWith("http", s, StringComparison.Ordinal));
        Assert.True(j.Reviewed >= new DateOnly(2026, 1, 1), $"{code} reviewed {j.Reviewed}");
    }

    [Fact]
    public void Default_Version_IsStampedFromTheDataFile()
    {
        Assert.Matches(@"^\d{4}\.\d{1,2}\.\d+$", Catalog.Version);
    }

    [Fact]
    public void Default_Subdivisions_NameTheirOwnCountryRow()
    {
        foreach (var j in Catalog.All.Where(j => j.Code.IsSubdivision))
        {
            Assert.Equal(j.Code.Country, j.Country);
            Assert.True(Catalog.TryGet(j.Code.CountryCode, out _), $"{j.Code} has no national row");
        }
    }

    [Fact]
    public void SubdivisionsOf_UnitedStates_IsAllFiftyStatesDcAndPuertoRico()
    {
        Assert.Equal(52, Catalog.SubdivisionsOf("US").Count);
        Assert.Equal(13, Catalog.SubdivisionsOf("CA").Count);
        Assert.Equal(8, Catalog.SubdivisionsOf("AU").Count);
        Assert.Empty(Catalog.SubdivisionsOf("GB"));
    }

    [Fact]
    public void GetOrUnlisted_PlaceWithoutRule_IsTreatedAsAmbiguous()
    {
        var j = Catalog.GetOrUnlisted(JurisdictionCode.Parse("NG"));
        Assert.True(j.IsUnlisted);
        Assert.Equal(ConsentRule.Ambiguous, j.Rule);
    }

    [Fact]
    public void FromDataset_UnknownRule_FailsNamingTheLineAndValue()
    {
        var data = CsvDataset.Parse("test.csv", "# dataset: jurisdictions\n# version: 1\ncode,name,country,rule,statute,note,sources,reviewed\nUS-CA,California,US,two-party,s,n,http://x,2026-11-24\n");
        var ex = Assert.Throws<InvalidDataException>(() => JurisdictionCatalog.FromDataset(data));
        Assert.Contains("line 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("two-party", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDataset_CountryColumnDisagreesWithCode_Fails()
    {
        var data = CsvDataset.Parse("test.csv", "# dataset: jurisdictions\n# version: 1\ncode,name,country,rule,statute,note,sources,reviewed\nUS-CA,California,CA,all-party,s,n,http://x,2026-11-24\n");
        Assert.Throws<InvalidDataException>(() => JurisdictionCatalog.FromDataset(data));
    }

    [Fact]
    public void FromDataset_DuplicateCode_Fails()
    {
        const string row = "GB,United Kingdom,GB,notice-required,s,n,http://x,2026-11-24\n";
        var data = CsvDataset.Parse("test.csv", "# dataset: jurisdictions\n# version: 1\ncode,name,country,rule,statute,note,sources,reviewed\n" + row + row);
        Assert.Throws<InvalidDataException>(() => JurisdictionCatalog.FromDataset(data));
    }

    [Fact]
    public void Parse_QuotedFieldsWithCommasQuotesAndNewlines_AreReadWhole()
    {
        var data = CsvDataset.Parse("t.csv", "# dataset: t\n# version: 1\na,b\n\"x, \"\"y\"\"\",\"line1\nline2\"\n");
        Assert.Equal("x, \"y\"", data.Rows[0]["a"]);
        Assert.Equal("line1\nline2", data.Rows[0]["b"]);
    }
}
