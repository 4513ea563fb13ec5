namespace CrmRecording.Telephony.Tests;

public sealed class RecordingStatusEventTests
{
    private static readonly KeyValuePair<string, string>[] Completed =
    [
        new("AccountSid", "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        new("CallSid", "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        new("RecordingSid", "REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        new("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Recordings/REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        new("RecordingStatus", "completed"),
        new("RecordingDuration", "42"),
        new("RecordingChannels", "2"),
        new("RecordingStartTime", "Sun, 22 Nov 2026 09:00:05 +0000"),
        new("RecordingSource", "DialVerb"),
        new("RecordingTrack", "both"),
        new("ErrorCode", "0"),
    ];

    [Fact]
    public void TryRead_CompletedCallback_ReadsEveryField()
    {
        var e = RecordingStatusEvent.TryRead(Completed);

        Assert.NotNull(e);
        Assert.Equal(("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "completed"), (e.CallSid, e.RecordingSid, e.RecordingStatus));
        Assert.Equal((42, 2, 0), (e.RecordingDuration, e.RecordingChannels, e.ErrorCode));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 0, 5, TimeSpan.Zero), e.RecordingStartTime);
        Assert.Equal(("DialVerb", "both"), (e.RecordingSource, e.RecordingTrack));
        Assert.EndsWith("/Recordings/REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", e.RecordingUrl!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RecordingSid")]
    [InlineData("CallSid")]
    [InlineData("RecordingStatus")]
    public void TryRead_RequiredFieldMissing_IsNull(string missing)
    {
        Assert.Null(RecordingStatusEvent.TryRead(Completed.Where(f => f.Key != missing)));
    }

    [Fact]
    public void TryRead_AbsentWithErrorCode_KeepsTheCode()
    {
        var form = Completed.Select(f => f.Key switch
        {
            "RecordingStatus" => new KeyValuePair<string, string>(f.Key, "absent"),
            "ErrorCode" => new KeyValuePair<string, string>(f.Key, "13617"),
            _ => f,
        });

        var e = RecordingStatusEvent.TryRead(form);

        Assert.Equal(("absent", 13617), (e!.RecordingStatus, e.ErrorCode));
    }
}
