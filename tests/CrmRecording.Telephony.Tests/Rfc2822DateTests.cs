using CrmRecording.Telephony.Http;

namespace CrmRecording.Telephony.Tests;

public sealed class Rfc2822DateTests
{
    [Theory]
    [InlineData("Tue, 31 Aug 2010 20:36:28 +0000", 2010, 8, 31, 20, 36, 28, 0)]
    [InlineData("Fri, 14 Oct 2016 21:56:34 +0000", 2016, 10, 14, 21, 56, 34, 0)]
    [InlineData("Mon, 2 Nov 2026 07:05:09 -0500", 2026, 11, 2, 7, 5, 9, -300)]
    [InlineData("Sat, 21 Nov 2026 23:59:59 +0530", 2026, 11, 21, 23, 59, 59, 330)]
    [InlineData("Tue, 31 Aug 2010 20:36:28 GMT", 2010, 8, 31, 20, 36, 28, 0)]
    public void TryParse_TwilioDate_KeepsTheInstantAndOffset(string text, int y, int mo, int d, int h, int mi, int s, int offsetMinutes)
    {
        Assert.True(Rfc2822Date.TryParse(text, out var value));

        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromMinutes(offsetMinutes)), value);
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), value.Offset);
    }

    [Theory]
    [InlineData("2010-08-31T20:36:28Z")]
    [InlineData("Tue, 31 Aug 2010 20:36:28")]
    [InlineData("Tue, 31 Aug 2010 20:36:28 +00")]
    [InlineData("Tue, 31 Foo 2010 20:36:28 +0000")]
    [InlineData("")]
    public void TryParse_NotRfc2822_Fails(string text)
    {
        Assert.False(Rfc2822Date.TryParse(text, out _));
    }
}
