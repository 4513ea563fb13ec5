using CrmRecording.Core.Data;
using CrmRecording.Core.Phones;
using CrmRecording.PhoneMetadata;

namespace CrmRecording.Core.Tests.Phones;

public sealed class PhoneNumberingPlanTests
{
    [Fact]
    public void EmbeddedMetadata_IsWhatTheLibphonenumberPackageGives()
    {
        // Updating libphonenumber-csharp in Directory.Packages.props fails this test until the file is regenerated:
        // scripts/phone-metadata.sh
        var embedded = ReadEmbedded();
        var generated = PhoneMetadataWriter.Generate();
        Assert.True(
            embedded == generated,
            $"phone-metadata.csv ({PhoneNumberingPlan.Default.Version}) differs from libphonenumber-csharp's metadata (libphonenumber {PhoneMetadataWriter.Version}); run scripts/phone-metadata.sh.");
    }

    [Fact]
    public void Version_NamesTheLibphonenumberRelease()
    {
        Assert.Equal("libphonenumber " + PhoneMetadataWriter.Version, PhoneNumberingPlan.Default.Version);
    }

    [Fact]
    public void EveryRegion_CompilesItsPatterns()
    {
        var plan = PhoneNumberingPlan.Default;
        Assert.True(plan.Regions.Count > 240, $"only {plan.Regions.Count} regions");
        Assert.All(plan.Regions, r => Assert.True(r.Compile() > 0, r.Code));
    }

    [Theory]
    [InlineData("+442079460958", "GB", PhoneNumberType.FixedLine)]
    [InlineData("+447400123456", "GB", PhoneNumberType.Mobile)]
    [InlineData("+448001234567", "GB", PhoneNumberType.TollFree)]
    [InlineData("+14155550142", "US", PhoneNumberType.FixedLineOrMobile)]
    [InlineData("+18765550142", "JM", PhoneNumberType.Mobile)]
    [InlineData("+15045550142", "US", PhoneNumberType.FixedLineOrMobile)]
    [InlineData("+80012345678", "001", PhoneNumberType.TollFree)]
    [InlineData("+390669812345", "VA", PhoneNumberType.FixedLine)]
    [InlineData("+77012345678", "KZ", PhoneNumberType.Mobile)]
    [InlineData("+79123456789", "RU", PhoneNumberType.Mobile)]
    [InlineData("+3581812345", "AX", PhoneNumberType.FixedLine)]
    public void Analyze_Number_GivesRegionAndType(string e164, string region, PhoneNumberType type)
    {
        var number = PhoneNumberParser.Default.Parse(e164).Number;
        var info = PhoneNumberingPlan.Default.Analyze(number);
        Assert.True(info.IsValid);
        Assert.Equal(region, info.Region);
        Assert.Equal(type, info.Type);
    }

    [Fact]
    public void Analyze_NumberInNoRange_IsInvalidAndNamesTheCallingCodesCountry()
    {
        var number = PhoneNumberParser.Default.Parse("+44 11 1000 0000").Number;
        var info = PhoneNumberingPlan.Default.Analyze(number);
        Assert.False(info.IsValid);
        Assert.Equal(PhoneNumberType.Unknown, info.Type);
        Assert.Equal("GB", info.CallingCodeRegion);
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(CsvDataset).Assembly.GetManifestResourceStream("CrmRecording.Core.phone-metadata.csv")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
