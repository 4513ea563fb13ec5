using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.Twilio.Journal;
using CrmRecording.Emulators.Twilio.Media;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>Recordings started over REST on a live call: pause (skip and silence), resume, stop, media, delete.</summary>
public sealed class CallRecordingTests : IAsyncLifetime
{
    private TwilioSession session = null!;
    private string callSid = null!;

    public async Task InitializeAsync()
    {
        session = await TwilioSession.StartAsync();
        session.Application.Twiml("/voice", "<Response><Dial><Client>rep-ada</Client></Dial></Response>");
        callSid = await session.CallAsync(TwilioSession.Customer, "/voice");
        await session.StandIn.WaitForCallAsync(callSid, c => c.Bridged, TwilioSession.Patience);
    }

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task CreateRecording_InProgressCall_Answers201InTwilioShape()
    {
        using var response = await StartAsync();
        var recording = await TwilioSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sid = recording.GetProperty("sid").GetString()!;
        Assert.Matches("^RE[0-9a-f]{32}$", sid);
        Assert.Equal("in-progress", recording.GetProperty("status").GetString());
        Assert.Equal(callSid, recording.GetProperty("call_sid").GetString());
        Assert.Equal(2, recording.GetProperty("channels").GetInt32());
        Assert.Equal("StartCallRecordingAPI", recording.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, recording.GetProperty("duration").ValueKind);
        Assert.Equal("Tue, 04 Mar 2025 15:06:07 +0000", recording.GetProperty("start_time").GetString());
        Assert.Equal("both", recording.GetProperty("track").GetString());
        Assert.Equal($"/2010-04-01/Accounts/{session.Account}/Calls/{callSid}/Recordings/{sid}.json", recording.GetProperty("uri").GetString());
    }

    [Fact]
    public async Task CreateRecording_CallEnded_Answers21220()
    {
        await session.StandIn.HangUpAsync(callSid);

        using var response = await StartAsync();
        var error = await TwilioSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(21220, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task PauseWithSkip_LeavesThePausedSpanOutOfDurationAndMedia()
    {
        var sid = await StartedSidAsync();
        session.Clock.Advance(TimeSpan.FromSeconds(2));
        await UpdateAsync("Twilio.CURRENT", ("Status", "paused"), ("PauseBehavior", "skip"));
        session.Clock.Advance(TimeSpan.FromSeconds(5));
        await UpdateAsync(sid, ("Status", "in-progress"));
        session.Clock.Advance(TimeSpan.FromSeconds(1));
        using var stopped = await UpdateAsync(sid, ("Status", "stopped"));

        Assert.Equal("stopped", (await TwilioSession.JsonAsync(stopped)).GetProperty("status").GetString());
        var wav = await DownloadAsync(sid);
        Assert.Equal(DualChannelWav.Render(TimeSpan.FromSeconds(3)), wav);
        var fetched = await FetchAsync(sid);
        Assert.Equal("3", fetched.GetProperty("duration").GetString());
        Assert.Equal("completed", fetched.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PauseWithDefaultBehavior_KeepsThePausedSpanAsSilence()
    {
        var sid = await StartedSidAsync();
        session.Clock.Advance(TimeSpan.FromSeconds(1));
        await UpdateAsync(sid, ("Status", "paused"));
        session.Clock.Advance(TimeSpan.FromSeconds(2));
        await UpdateAsync(sid, ("Status", "in-progress"));
        session.Clock.Advance(TimeSpan.FromSeconds(1));
        await UpdateAsync(sid, ("Status", "stopped"));

        var wav = await DownloadAsync(sid);

        Assert.Equal(DualChannelWav.Length(TimeSpan.FromSeconds(4)), wav.Length);
        Assert.Equal(DualChannelWav.Render(TimeSpan.FromSeconds(4), [new SilentSpan(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))]), wav);
        Assert.All(Frames(wav, 8000, 24000), frame => Assert.Equal((0, 0), frame));
        Assert.Contains(Frames(wav, 0, 8000), frame => frame.Rep != 0 && frame.Customer != 0);
        Assert.Contains(Frames(wav, 24000, 32000), frame => frame.Rep != 0);
        Assert.Equal("4", (await FetchAsync(sid)).GetProperty("duration").GetString());
    }

    [Fact]
    public async Task Media_Header_IsPcm16Bit8kHzDualChannelWithCorrectSizes()
    {
        var sid = await StartedSidAsync();
        session.Clock.Advance(TimeSpan.FromSeconds(2));
        await UpdateAsync(sid, ("Status", "stopped"));

        var wav = await DownloadAsync(sid);

        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal((uint)(wav.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal("WAVEfmt "u8.ToArray(), wav[8..16]);
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(20)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(22)));
        Assert.Equal(8000u, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(24)));
        Assert.Equal(32000u, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(28)));
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(32)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(34)));
        Assert.Equal("data"u8.ToArray(), wav[36..40]);
        Assert.Equal((uint)(2 * 32000), BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(40)));
    }

    [Fact]
    public async Task RecordingStatusCallback_StopOverRest_SendsInProgressThenCompleted()
    {
        using var response = await session.PostAsync(
            $"Calls/{callSid}/Recordings.json",
            ("RecordingStatusCallback", FakeApplication.Url("/recording")),
            ("RecordingStatusCallbackEvent", "in-progress"),
            ("RecordingStatusCallbackEvent", "completed"));
        var sid = (await TwilioSession.JsonAsync(response)).GetProperty("sid").GetString()!;
        session.Clock.Advance(TimeSpan.FromSeconds(7));
        await UpdateAsync(sid, ("Status", "stopped"));
        await session.StandIn.HangUpAsync(callSid);
        await session.StandIn.Webhooks.WaitForAsync(all => all.Count(w => w.Kind == WebhookKind.RecordingStatus) == 2, TwilioSession.Patience);

        var events = session.Application.To("/recording");
        Assert.Equal(["in-progress", "completed"], events.Select(e => e["RecordingStatus"]).Order(StringComparer.Ordinal).Reverse());
        var completed = events.Single(e => e["RecordingStatus"] == "completed");
        Assert.Equal("7", completed["RecordingDuration"]);
        Assert.Equal("1", completed["RecordingChannels"]);
        Assert.Equal("StartCallRecordingAPI", completed["RecordingSource"]);
    }

    [Fact]
    public async Task StopWithoutRecordedTime_IsAbsentAndSendsAbsent()
    {
        using var response = await session.PostAsync(
            $"Calls/{callSid}/Recordings.json",
            ("RecordingStatusCallback", FakeApplication.Url("/recording")),
            ("RecordingStatusCallbackEvent", "completed absent"));
        var sid = (await TwilioSession.JsonAsync(response)).GetProperty("sid").GetString()!;

        await UpdateAsync(sid, ("Status", "stopped"));
        await session.StandIn.Webhooks.WaitForAsync(all => all.Any(w => w.Kind == WebhookKind.RecordingStatus), TwilioSession.Patience);

        Assert.Equal("absent", Assert.Single(session.Application.To("/recording"))["RecordingStatus"]);
        Assert.Equal("absent", (await FetchAsync(sid)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task HangUp_ActiveRestRecording_CompletesWithTheCall()
    {
        var sid = await StartedSidAsync();
        session.Clock.Advance(TimeSpan.FromSeconds(9));

        await session.StandIn.HangUpAsync(callSid);

        var fetched = await FetchAsync(sid);
        Assert.Equal("completed", fetched.GetProperty("status").GetString());
        Assert.Equal("9", fetched.GetProperty("duration").GetString());
        Assert.Equal($"/2010-04-01/Accounts/{session.Account}/Recordings/{sid}.json", fetched.GetProperty("uri").GetString());
        Assert.Equal(new Uri(session.StandIn.BaseAddress, $"2010-04-01/Accounts/{session.Account}/Recordings/{sid}").AbsoluteUri, fetched.GetProperty("media_url").GetString());
    }

    [Fact]
    public async Task Delete_Recording_Answers204ThenNotFound()
    {
        var sid = await StartedSidAsync();
        session.Clock.Advance(TimeSpan.FromSeconds(1));
        await UpdateAsync(sid, ("Status", "stopped"));

        using var deleted = await session.Http.DeleteAsync(session.Api($"Recordings/{sid}.json"));
        using var fetched = await session.Http.GetAsync(session.Api($"Recordings/{sid}.json"));
        using var media = await session.Http.GetAsync(session.Api($"Recordings/{sid}.wav"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fetched.StatusCode);
        Assert.Equal(20404, (await TwilioSession.JsonAsync(fetched)).GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, media.StatusCode);
    }

    [Fact]
    public async Task UpdateRecording_UnknownPauseBehavior_Answers400()
    {
        var sid = await StartedSidAsync();

        using var response = await UpdateAsync(sid, ("Status", "paused"), ("PauseBehavior", "mute"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> StartAsync() => session.PostAsync($"Calls/{callSid}/Recordings.json", ("RecordingChannels", "dual"));

    private async Task<string> StartedSidAsync()
    {
        using var response = await StartAsync();
        return (await TwilioSession.JsonAsync(response)).GetProperty("sid").GetString()!;
    }

    private Task<HttpResponseMessage> UpdateAsync(string sid, params (string Name, string Value)[] form) =>
        session.PostAsync($"Calls/{callSid}/Recordings/{sid}.json", form);

    private async Task<JsonElement> FetchAsync(string sid)
    {
        using var response = await session.Http.GetAsync(session.Api($"Recordings/{sid}.json"));
        return await TwilioSession.JsonAsync(response);
    }

    private async Task<byte[]> DownloadAsync(string sid)
    {
        using var response = await session.Http.GetAsync(session.Api($"Recordings/{sid}.wav"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(response.Content.Headers.ContentLength, bytes.Length);
        Assert.Equal(session.StandIn.RenderExpectedWav(sid), bytes);
        return bytes;
    }

    private static IEnumerable<(short Rep, short Customer)> Frames(byte[] wav, int from, int to)
    {
        for (var frame = from; frame < to; frame++)
        {
            var offset = DualChannelWav.HeaderLength + (frame * 4);
            yield return (BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(offset)), BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(offset + 2)));
        }
    }
}
