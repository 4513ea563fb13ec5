using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Location;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Phones.Plans;

/// <summary>
/// Non-geographic numbers place the customer nowhere (README: "a toll-free or other non-geographic number gives
/// no location"). The country of the number is kept as weak evidence only where its law is the same everywhere.
/// Ranges: Ofcom National Telephone Numbering Plan (UK 080 freephone, 03 UAN, 056 VoIP, 070 personal numbering),
/// ACMA Telecommunications Numbering Plan (AU 1800 freephone, 04 mobile), ITU-T E.169.1 (+800 universal freephone).
/// </summary>
public sealed class NonGeographicNumberTests
{
    [Theory]
    [InlineData("+44 800 123 4567", "toll-free")]
    [InlineData("+44 345 123 4567", "universal-access")]
    [InlineData("+44 56 1234 5678", "voip")]
    [InlineData("+44 70 1234 5678", "personal")]
    public void Decide_UkServiceNumber_KeepsOnlyTheCountryAsWeakEvidence(string raw, string type)
    {
        var d = Decide(new ContactFields { Phone = raw, RepRegion = "US-TX" });
        var phone = Assert.Single(d.CustomerEvidence);
        Assert.Equal(LocationSignal.NonGeographicNumber, phone.Signal);
        Assert.Equal(EvidenceStrength.Weak, phone.Strength);
        Assert.Equal(["GB"], phone.Places.Select(p => p.Value));
        Assert.Contains($"a {type} number places the customer nowhere; GB has one law everywhere", phone.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_AustralianFreephone_PlacesTheCustomerNowhereBecauseStatesDiffer()
    {
        var d = Decide(new ContactFields { Phone = "+61 1800 123 456", RepRegion = "US-TX" });
        var phone = Assert.Single(d.CustomerEvidence);
        Assert.Empty(phone.Places);
        Assert.Contains("AU's subdivisions have laws of their own", phone.Source, StringComparison.Ordinal);
        Assert.True(d.CustomerLocationUnknown);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
    }

    [Fact]
    public void Decide_AustralianMobile_GivesTheCountryAndSoEveryState()
    {
        // A mobile says nothing about the state: all Australian states count, and New South Wales is all-party.
        var d = Decide(new ContactFields { Phone = "+61 412 345 678", RepRegion = "US-TX" });
        Assert.Contains(d.Jurisdictions, j => j.Code.Value == "AU-NSW" && j.Basis == JurisdictionBasis.CountryWithoutSubdivision);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
    }

    [Fact]
    public void Decide_UniversalFreephone_PlacesTheCustomerNowhere()
    {
        var d = Decide(new ContactFields { Phone = "+800 1234 5678", RepRegion = "US-TX" });
        var phone = Assert.Single(d.CustomerEvidence);
        Assert.Empty(phone.Places);
        Assert.Contains("an international toll-free number (+800)", phone.Source, StringComparison.Ordinal);
        Assert.True(d.CustomerLocationUnknown);
    }

    [Fact]
    public void Decide_NumberInNoRangeOfItsPlan_SaysSoAndPlacesTheCustomerNowhere()
    {
        // 01632 960xxx is Ofcom's drama range: no one can be called there.
        var d = Decide(new ContactFields { Phone = "+44 1632 960123", RepRegion = "US-TX" });
        var phone = Assert.Single(d.CustomerEvidence);
        Assert.Equal(LocationSignal.InvalidNumber, phone.Signal);
        Assert.Contains("+441632960123 is not a valid number for GB", phone.Source, StringComparison.Ordinal);
        Assert.True(d.CustomerLocationUnknown);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
    }
}
