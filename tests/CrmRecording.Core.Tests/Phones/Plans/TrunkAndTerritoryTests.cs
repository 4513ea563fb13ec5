using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Location;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Phones.Plans;

/// <summary>
/// Trunk prefixes written after the country code, country codes typed without '+', and calling codes shared by
/// several territories, told apart by the leading digits of the national number (ITU-T E.164 assignments list,
/// Annex to ITU-T Operational Bulletin No. 1114, and the plans the territories notify).
/// </summary>
public sealed class TrunkAndTerritoryTests
{
    [Theory]
    // Australia: trunk prefix 0 is dropped after +61 (ACMA numbering plan); 04 is the mobile range.
    [InlineData("+61 (0)4 1234 5678", "+61412345678")]
    // Ireland: 0 trunk prefix, 022 Mallow (ComReg Numbering Conventions, ComReg 15/136).
    [InlineData("+353 (0)22 12345", "+3532212345")]
    // Finland: 0 trunk prefix, 018 Åland (Traficom's numbering decision).
    [InlineData("+358 (0)18 12345", "+3581812345")]
    [InlineData("+44 (0)20 7946 0958", "+442079460958")]
    public void Parse_TrunkPrefixAfterCountryCode_IsDropped(string raw, string e164)
    {
        var result = CrmRecording.Core.Phones.PhoneNumberParser.Default.Parse(raw, "US");
        Assert.Equal(e164, result.Number.ToString());
    }

    [Fact]
    public void Decide_AlandNumber_LandsInAlandNotFinland()
    {
        // Åland (AX) shares +358 with Finland; its fixed lines are 018. No rule for Åland is on file, so it counts as ambiguous.
        var d = Decide(new ContactFields { Phone = "+358 (0)18 12345", RepRegion = "US-TX" });
        var customer = d.Jurisdictions.Where(j => j.Party == Party.Customer).Select(j => j.Code.Value).ToList();
        Assert.Equal(["AX"], customer);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
    }

    [Theory]
    // Vatican City's fixed lines are +39 06 698 inside Italy's plan (ITU-T OB 1114 notification of Vatican City State).
    [InlineData("+39 06 698 12345", "VA")]
    [InlineData("+39 06 4567 8901", "IT")]
    // Jersey 01534, Guernsey 01481, Isle of Man 01624 under +44 (Ofcom National Telephone Numbering Plan, Crown Dependencies' ranges).
    [InlineData("+44 1534 456789", "JE")]
    [InlineData("+44 1481 256789", "GG")]
    [InlineData("+44 1624 756789", "IM")]
    // Kazakhstan's ranges start with 7 under +7; Russia's with 3, 4, 8 or 9.
    [InlineData("+7 701 234 5678", "KZ")]
    [InlineData("+7 912 345 6789", "RU")]
    public void Decide_SharedCallingCode_PlacesTheTerritoryByLeadingDigits(string raw, string territory)
    {
        var d = Decide(new ContactFields { Phone = raw, RepRegion = "US-TX" });
        Assert.Contains(d.Jurisdictions, j => j.Party == Party.Customer && j.Code.Value == territory);
    }

    [Fact]
    public void Decide_IsleOfManMobileRangeThePlanGivesToBritain_CountsTheIsleOfManToo()
    {
        // 07924 is an Isle of Man mobile range (Manx Telecom), which libphonenumber 9.0.43 also lets GB's pattern claim:
        // the stricter shared-calling-code data keeps the Isle of Man, which has no rule on file (ambiguous).
        var d = Decide(new ContactFields { Phone = "+44 7924 123456", RepRegion = "US-TX" });
        var phone = Assert.Single(d.CustomerEvidence);
        Assert.Equal(["GB", "IM"], phone.Places.Select(p => p.Value));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
    }

    [Fact]
    public void Parse_OwnCountryCodeWithoutPlus_IsReadOnlyWhenTheNationalReadingIsImpossible()
    {
        var parser = CrmRecording.Core.Phones.PhoneNumberParser.Default;
        // 44 20 7946 0958 typed in GB: 442079460958 is too long for a GB national number, so 44 is the country code.
        Assert.Equal("+442079460958", parser.Parse("44 20 7946 0958", "GB").Number.ToString());
        // 1 415 555 0142 typed in the US: the 1 is the national prefix either way.
        Assert.Equal("+14155550142", parser.Parse("1 415 555 0142", "US").Number.ToString());
    }

    [Theory]
    // Argentina: inside the country a mobile is 0 + area code + 15 + number; internationally +54 9 + area code + number (ENACOM numbering plan).
    [InlineData("011 15-2345-6789", "AR", "+5491123456789")]
    // Brazil: a national call may carry the carrier selection code after the trunk 0 (0 15 11 ...).
    [InlineData("0 15 11 96123-4567", "BR", "+5511961234567")]
    public void Parse_NationalFormWithCarrierOrMobileToken_GivesTheInternationalNumber(string raw, string country, string e164)
    {
        Assert.Equal(e164, CrmRecording.Core.Phones.PhoneNumberParser.Default.Parse(raw, country).Number.ToString());
    }

    [Theory]
    // Mexico dropped 044/045 and the 1 after +52 on 3 August 2019 (IFT, Plan Técnico Fundamental de Numeración): numbers
    // are ten digits. libphonenumber reads the old forms as numbers that are not valid; they are refused here, saying
    // how long a Mexican number is, so the rep types the ten digits.
    [InlineData("044 55 1234 5678", "13")]
    [InlineData("+52 1 55 1234 5678", "11")]
    public void Parse_LegacyMexicanMobileForm_IsRefusedWithTheLengthToType(string raw, string digits)
    {
        var result = CrmRecording.Core.Phones.PhoneNumberParser.Default.Parse(raw, "MX");
        Assert.Equal(CrmRecording.Core.Phones.PhoneParseError.TooLong, result.Error);
        Assert.Contains($"numbers in +52 have 10 digits after the country code, this has {digits}", result.Message, StringComparison.Ordinal);
    }
}
