using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Phones;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Phones.Plans;

/// <summary>
/// International prefixes beyond 00 and 011: carrier-selection prefixes and alternates, as the national plans
/// notify them to the ITU (ITU-T Operational Bulletin No. 1114, "Dialling procedures (international prefix,
/// national (trunk) prefix and national (significant) number)", and its amendments). Read as 00 + a country
/// code, each of these dials the wrong country; California's all-party rule must still apply to a Californian.
/// </summary>
public sealed class InternationalPrefixTests
{
    [Theory]
    // South Korea: 001 (KT), 002 (LG U+), 005, 006, 008 (SK Broadband) and 00700 are each carriers' international prefixes.
    [InlineData("008 1 415 555 0142", "KR")]
    [InlineData("001 1 415 555 0142", "KR")]
    [InlineData("00700 1 415 555 0142", "KR")]
    // Brazil: 00 + the two-digit carrier selection code (CSP) of Anatel's Regulamento de Numeração (21 Embratel, 15 Vivo, 41 TIM).
    [InlineData("00 21 1 415 555 0142", "BR")]
    [InlineData("0015 1 415 555 0142", "BR")]
    // Australia: 0011, and 0014/0015/0016/0018/0019 carrier prefixes (ACMA Telecommunications Numbering Plan).
    [InlineData("0011 1 415 555 0142", "AU")]
    [InlineData("0014 1 415 555 0142", "AU")]
    // Israel: 00 and the carriers' 012-019.
    [InlineData("014 1 415 555 0142", "IL")]
    // Thailand: 001 and the carriers' 002-009.
    [InlineData("009 1 415 555 0142", "TH")]
    // Japan 010; Russia and Kazakhstan 8~10; United States 011.
    [InlineData("010 1 415 555 0142", "JP")]
    [InlineData("8 10 1 415 555 0142", "RU")]
    public void Decide_CalifornianDialledWithAnotherCountrysPrefix_IsCaliforniaAllParty(string raw, string home)
    {
        var d = Decide(new ContactFields { Phone = raw, DefaultCountry = home, RepRegion = "US-TX" });
        Assert.Equal("+14155550142", d.Input.Customer.Phone.ToString());
        Assert.Equal("US-CA", d.Deciding!.Code.Value);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
    }

    [Fact]
    public void Parse_KoreanCarrierPrefix_IsNotReadAsJapan()
    {
        // Before: "008 1 415..." was 00 + 81 (Japan) + 415...; Japan is one-party, California all-party.
        var result = PhoneNumberParser.Default.Parse("008 1 415 555 0142", "KR");
        Assert.Equal(1, result.Number.CallingCode);
    }

    [Fact]
    public void Parse_PrefixFollowedByZero_IsANationalNumber()
    {
        // No country code starts with 0, so "00" followed by 0 is not an international prefix (libphonenumber's rule).
        var result = PhoneNumberParser.Default.Parse("+00 44 20 7946 0958", "GB");
        Assert.Equal("+442079460958", result.Number.ToString());
    }
}
