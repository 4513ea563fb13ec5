using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Tests.Phones;

public sealed class PhoneNumberParserTests
{
    private static readonly PhoneNumberParser Parser = PhoneNumberParser.Default;

    [Theory]
    [InlineData("(415) 555-0142", "US", "+14155550142")]
    [InlineData("415.555.0142", "US", "+14155550142")]
    [InlineData("415-555-0142", "CA", "+14155550142")]
    [InlineData("1 (415) 555-0142", "US", "+14155550142")]
    [InlineData("+1 415 555 0142", null, "+14155550142")]
    [InlineData("+1 415 555 0142", "GB", "+14155550142")]
    [InlineData("001 415 555 0142", "DE", "+14155550142")]
    [InlineData("011 44 20 7946 0958", "US", "+442079460958")]
    [InlineData("+44 20 7946 0958", null, "+442079460958")]
    [InlineData("+44 (0)20 7946 0958", null, "+442079460958")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("07700 900123", "GB", "+447700900123")]
    [InlineData("030 1234567", "DE", "+49301234567")]
    [InlineData("+49 30 1234567", null, "+49301234567")]
    [InlineData("06 6982 1234", "IT", "+390669821234")]
    [InlineData("(02) 9374 4000", "AU", "+61293744000")]
    [InlineData("0011 44 20 7946 0958", "AU", "+442079460958")]
    [InlineData("+33 1 42 68 53 00", null, "+33142685300")]
    [InlineData("\u00A0+1\u00A0415\u00A0555\u00A00142 ", null, "+14155550142")]
    public void Parse_WhatRepsType_GivesE164(string raw, string? defaultCountry, string expected)
    {
        var result = Parser.Parse(raw, defaultCountry);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(expected, result.Number.ToString());
        Assert.Null(result.Extension);
    }

    [Theory]
    [InlineData("(415) 555-0142 x123", "123")]
    [InlineData("415-555-0142 ext. 123", "123")]
    [InlineData("415-555-0142 ext 45", "45")]
    [InlineData("415-555-0142 extension 9", "9")]
    [InlineData("415-555-0142 #77", "77")]
    [InlineData("415-555-0142;ext=5", "5")]
    [InlineData("415 555 0142 X 123", "123")]
    public void Parse_WithExtension_SplitsItOff(string raw, string extension)
    {
        var result = Parser.Parse(raw, "US");
        Assert.True(result.IsValid, result.Message);
        Assert.Equal("+14155550142", result.Number.ToString());
        Assert.Equal(extension, result.Extension);
    }

    [Theory]
    [InlineData("", null, PhoneParseError.Empty)]
    [InlineData("   ", "US", PhoneParseError.Empty)]
    [InlineData("--", "US", PhoneParseError.Empty)]
    [InlineData("555-0142", "US", PhoneParseError.TooShort)]
    [InlineData("+1 415 555 01", null, PhoneParseError.TooShort)]
    [InlineData("+1 415 555 01429", null, PhoneParseError.TooLong)]
    [InlineData("+44 20 7946 0958 1234 567", null, PhoneParseError.TooLong)]
    [InlineData("+999 1234 5678", null, PhoneParseError.UnknownCountryCode)]
    [InlineData("+0 415 555 0142", null, PhoneParseError.UnknownCountryCode)]
    [InlineData("415-555-O142", "US", PhoneParseError.ContainsLetters)]
    [InlineData("001 415 555 0142", null, PhoneParseError.NoCountry)]
    [InlineData("call me", "US", PhoneParseError.ContainsLetters)]
    [InlineData("415*555*0142", "US", PhoneParseError.InvalidCharacter)]
    [InlineData("415 555 0142", null, PhoneParseError.NoCountry)]
    [InlineData("415 555 0142", "XX", PhoneParseError.NoCountry)]
    [InlineData("(015) 555-0142", "US", PhoneParseError.InvalidNanpNumber)]
    [InlineData("(415) 155-0142", "US", PhoneParseError.InvalidNanpNumber)]
    [InlineData("415-555-0142 ext", "US", PhoneParseError.InvalidExtension)]
    [InlineData("415-555-0142 x123456789", "US", PhoneParseError.InvalidExtension)]
    [InlineData("+", null, PhoneParseError.Empty)]
    [InlineData("00", "DE", PhoneParseError.TooShort)]
    [InlineData("00", null, PhoneParseError.NoCountry)]
    public void Parse_Garbage_FailsWithThePreciseReason(string raw, string? defaultCountry, PhoneParseError error)
    {
        var result = Parser.Parse(raw, defaultCountry);
        Assert.False(result.IsValid);
        Assert.Equal(error, result.Error);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Parse_TooShort_SaysHowManyDigitsAreExpected()
    {
        var result = Parser.Parse("555-0142", "US");
        Assert.Contains("10 digits", result.Message, StringComparison.Ordinal);
        Assert.Contains("this has 7", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoCountry_TellsTheUserWhatToDo()
    {
        var result = Parser.Parse("415 555 0142");
        Assert.Contains("default country", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VeryLongInput_IsRejectedWithoutScanningIt()
    {
        var result = Parser.Parse(new string('1', 10_000), "US");
        Assert.Equal(PhoneParseError.TooLong, result.Error);
        Assert.True(result.Message!.Length < 200);
    }

    [Fact]
    public void Redacted_HidesAllButTheLastTwoDigits()
    {
        var number = Parser.Parse("+1 415 555 0142").Number;
        Assert.Equal("+•••••••••42", number.Redacted());
        Assert.DoesNotContain("415", number.Redacted(), StringComparison.Ordinal);
    }

    [Fact]
    public void Number_NanpParts_AreExposed()
    {
        var number = Parser.Parse("+1 415 555 0142").Number;
        Assert.True(number.IsNanp);
        Assert.Equal(1, number.CallingCode);
        Assert.Equal("415", number.NanpAreaCode.ToString());
        Assert.Equal("4155550142", number.NationalSignificantNumber.ToString());
    }
}
