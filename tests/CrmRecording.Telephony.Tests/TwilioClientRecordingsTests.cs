using System.Net;
using CrmRecording.Telephony.Tests.Support;

namespace CrmRecording.Telephony.Tests;

/// <summary>Recording control on a live call, and the account's Recordings: fetch, media, delete.</summary>
public sealed class TwilioClientRecordingsTests
{
    private const string CallRecordings = ClientHarness.Api + "Calls/" + ClientHarness.CallSid + "/Recordings";

    [Fact]
    public async Task StartRecording_AllOptions_PostsFormToCallRecordings()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-recording-response.json"));

        await h.Client.StartRecordingAsync(ClientHarness.CallSid, new StartRecordingRequest
        {
            RecordingChannels = "dual",
            RecordingStatusCallback = new Uri("https://media.example.com/twilio/recording?call=7f3a"),
            RecordingStatusCallbackEvent = ["in-progress", "completed", "absent"],
            RecordingStatusCallbackMethod = "POST",
            RecordingTrack = "both",
        });

        Assert.Equal("POST", h.Single.Method);
        Assert.Equal(CallRecordings + ".json", h.Single.Uri);
        Assert.Equal(
            [
                new("RecordingChannels", "dual"),
                new("RecordingStatusCallback", "https://media.example.com/twilio/recording?call=7f3a"),
                new("RecordingStatusCallbackEvent", "in-progress"),
                new("RecordingStatusCallbackEvent", "completed"),
                new("RecordingStatusCallbackEvent", "absent"),
                new("RecordingStatusCallbackMethod", "POST"),
                new("RecordingTrack", "both"),
            ],
            ClientHarness.Form(h.Single));
    }

    [Fact]
    public async Task StartRecording_TwilioExampleResponse_ParsesRecordingAndMediaUrl()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-recording-response.json"));

        var recording = await h.Client.StartRecordingAsync(ClientHarness.CallSid, new StartRecordingRequest());

        Assert.Equal(ClientHarness.RecordingSid, recording.Sid);
        Assert.Equal(ClientHarness.CallSid, recording.CallSid);
        Assert.Null(recording.ConferenceSid);
        Assert.Equal("completed", recording.Status);
        Assert.Equal(2, recording.Channels);
        Assert.Equal(4, recording.Duration);
        Assert.Equal("StartCallRecordingAPI", recording.Source);
        Assert.Null(recording.ErrorCode);
        Assert.Equal(new DateTimeOffset(2016, 10, 14, 21, 56, 34, TimeSpan.Zero), recording.StartTime);
        Assert.Equal(new Uri(ClientHarness.Api + "Recordings/" + ClientHarness.RecordingSid + ".wav"), recording.MediaUrl);
        Assert.Empty(ClientHarness.Form(h.Single));
    }

    [Fact]
    public async Task PauseRecording_Defaults_PausesTheCurrentRecordingSkippingThePause()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-call-recording-response.json"));

        await h.Client.PauseRecordingAsync(ClientHarness.CallSid);

        Assert.Equal(CallRecordings + "/Twilio.CURRENT.json", h.Single.Uri);
        Assert.Equal([new("Status", "paused"), new("PauseBehavior", "skip")], ClientHarness.Form(h.Single));
    }

    [Fact]
    public async Task PauseRecording_SilenceForARecordingSid_SendsSilence()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-call-recording-response.json"));

        await h.Client.PauseRecordingAsync(ClientHarness.CallSid, ClientHarness.RecordingSid, PauseBehavior.Silence);

        Assert.Equal(CallRecordings + "/" + ClientHarness.RecordingSid + ".json", h.Single.Uri);
        Assert.Equal([new("Status", "paused"), new("PauseBehavior", "silence")], ClientHarness.Form(h.Single));
    }

    [Fact]
    public async Task ResumeRecording_SetsStatusInProgress()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-call-recording-response.json"));

        await h.Client.ResumeRecordingAsync(ClientHarness.CallSid);

        Assert.Equal(CallRecordings + "/Twilio.CURRENT.json", h.Single.Uri);
        Assert.Equal([new("Status", "in-progress")], ClientHarness.Form(h.Single));
    }

    [Fact]
    public async Task StopRecording_SetsStatusStopped()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-call-recording-response.json"));

        await h.Client.StopRecordingAsync(ClientHarness.CallSid, ClientHarness.RecordingSid);

        Assert.Equal(CallRecordings + "/" + ClientHarness.RecordingSid + ".json", h.Single.Uri);
        Assert.Equal([new("Status", "stopped")], ClientHarness.Form(h.Single));
    }

    [Fact]
    public async Task GetRecording_AccountRecording_GetsAndParsesTwilioExample()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-recording-fetch-response.json"));

        var recording = await h.Client.GetRecordingAsync(ClientHarness.RecordingSid);

        Assert.Equal("GET", h.Single.Method);
        Assert.Equal(ClientHarness.Api + "Recordings/" + ClientHarness.RecordingSid + ".json", h.Single.Uri);
        Assert.Null(h.Single.Body);
        Assert.Equal("CFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", recording.ConferenceSid);
        Assert.Equal(1, recording.Channels);
        Assert.Equal("StartConferenceRecordingAPI", recording.Source);
        Assert.Equal("/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Recordings/REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json", recording.ResourceUri);
    }

    [Fact]
    public async Task GetRecording_InProgressWithErrorCode_ParsesNegativeDurationAndCode()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, """{"sid":"REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","status":"absent","duration":"-1","error_code":13617,"start_time":"Mon, 2 Nov 2026 07:05:09 -0500"}"""));

        var recording = await h.Client.GetRecordingAsync(ClientHarness.RecordingSid);

        Assert.Equal(-1, recording.Duration);
        Assert.Equal(13617, recording.ErrorCode);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 7, 5, 9, TimeSpan.FromHours(-5)), recording.StartTime);
    }

    [Fact]
    public async Task DeleteRecording_204_ReturnsTrue()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Empty(HttpStatusCode.NoContent));

        Assert.True(await h.Client.DeleteRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal("DELETE", h.Single.Method);
        Assert.Equal(ClientHarness.Api + "Recordings/" + ClientHarness.RecordingSid + ".json", h.Single.Uri);
    }

    [Fact]
    public async Task DeleteRecording_404_ReturnsFalseBecauseItIsAlreadyGone()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.NotFound, """{"code": 20404, "message": "The requested resource was not found", "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}"""));

        Assert.False(await h.Client.DeleteRecordingAsync(ClientHarness.RecordingSid));
    }

    [Fact]
    public async Task DeleteRecording_403_Throws()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.Forbidden, """{"code": 20403, "message": "Forbidden", "status": 403}"""));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.DeleteRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal((403, 20403), (e.Status, e.Code));
    }

    [Fact]
    public async Task DownloadRecording_LargeBody_StreamsWithoutReadingAheadOfTheCaller()
    {
        using var h = new ClientHarness();
        const long Size = 256L * 1024 * 1024;
        var body = new GeneratedStream(Size);
        h.Handler.Reply(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body, 16 * 1024) };
            response.Content.Headers.ContentType = new("audio/x-wav");
            response.Content.Headers.ContentLength = Size;
            return response;
        });

        await using var media = await h.Client.DownloadRecordingAsync(ClientHarness.RecordingSid);

        Assert.Equal(0, body.BytesRead);
        Assert.Equal(Size, media.Length);
        Assert.Equal("audio/x-wav", media.ContentType);
        var chunk = new byte[64 * 1024];
        var read = await media.Content.ReadAtLeastAsync(chunk, chunk.Length);
        Assert.Equal(chunk.Length, read);
        Assert.True(body.BytesRead < 1024 * 1024, $"{body.BytesRead} bytes were pulled from the network for a 64 KiB read.");
        Assert.Equal(GeneratedStream.ByteAt(1000), chunk[1000]);
        Assert.Equal(ClientHarness.Api + "Recordings/" + ClientHarness.RecordingSid + ".wav", h.Single.Uri);
        Assert.Equal(ClientHarness.Basic(ClientHarness.AccountSid, ClientHarness.AuthToken), h.Single.Header("Authorization"));
    }

    [Fact]
    public async Task DownloadRecording_Disposed_ReleasesTheNetworkStream()
    {
        using var h = new ClientHarness();
        var body = new GeneratedStream(1024);
        h.Handler.Reply(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });

        var media = await h.Client.DownloadRecordingAsync(ClientHarness.RecordingSid);
        await media.DisposeAsync();

        Assert.True(body.Disposed);
    }

    [Fact]
    public async Task DownloadRecording_404_ThrowsWithTwilioCode()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.NotFound, """{"code": 20404, "message": "The requested resource /2010-04-01/Accounts/AC.../Recordings/RE....wav was not found", "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}"""));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.DownloadRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal((404, 20404), (e.Status, e.Code));
    }

    /// <summary>A body produced on demand, counting what the client actually pulled.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private long position;

        public long BytesRead => Interlocked.Read(ref position);

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public static byte ByteAt(long index) => (byte)(index % 251);

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = ByteAt(position + i);
            }

            Interlocked.Add(ref position, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
