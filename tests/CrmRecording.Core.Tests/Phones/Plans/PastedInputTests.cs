using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Tests.Phones.Plans;

/// <summary>
/// Numbers as CRMs and signatures hold them: RFC 3966 tel: URIs (with ;ext= and ;phone-context=), a doubled
/// plus, full-width digits, a leading telephone symbol, keypad letters (ITU-T E.161: ABC=2 ... WXYZ=9) and
/// extensions in parentheses.
/// </summary>
public sealed class PastedInputTests
{
    [Theory]
    [InlineData("tel:+1-415-555-0142;ext=12", "US", "+14155550142", "12")]
    [InlineData("tel:555-0142;phone-context=+1-415", "GB", "+14155550142", null)]
    [InlineData("++44 20 7946 0958", "US", "+442079460958", null)]
    [InlineData("＋４４ ２０ ７９４６ ０９５８", "US", "+442079460958", null)]
    [InlineData("☎ +44 20 7946 0958", "US", "+442079460958", null)]
    [InlineData("1-800-FLOWERS", "US", "+18003569377", null)]
    [InlineData("+44 20 7946 0958 (ext 12)", "US", "+442079460958", "12")]
    [InlineData("(415) 555-0142 - 503#", "US", "+14155550142", "503")]
    [InlineData("+1 415 555 0142,,77", "US", "+14155550142", "77")]
    public void Parse_PastedForm_GivesTheNumberAndExtension(string raw, string country, string e164, string? extension)
    {
        var result = PhoneNumberParser.Default.Parse(raw, country);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(e164, result.Number.ToString());
        Assert.Equal(extension, result.Extension);
    }

    [Theory]
    [InlineData("tel:555-0142;phone-context=-", PhoneParseError.InvalidCharacter, "phone-context")]
    [InlineData("+44 20 ☎ 7946 0958", PhoneParseError.InvalidCharacter, "'☎'")]
    [InlineData("+44 20 7946 0958 x12345678", PhoneParseError.InvalidExtension, "1 to 7")]
    [InlineData("+44 20 7946 09", PhoneParseError.TooShort, "7, 9 or 10 digits after the country code, this has 8")]
    public void Parse_UnreadablePaste_SaysWhatIsWrong(string raw, PhoneParseError error, string hint)
    {
        var result = PhoneNumberParser.Default.Parse(raw, "US");
        Assert.Equal(error, result.Error);
        Assert.Contains(hint, result.Message, StringComparison.Ordinal);
    }
}
