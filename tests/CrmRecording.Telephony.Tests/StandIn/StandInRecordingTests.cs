using CrmRecording.Emulators.Twilio;
using StandInPauseBehavior = CrmRecording.Emulators.Twilio.Recordings.PauseBehavior;

namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>
/// A consented call's recording driven by the client: pause (skip and silence), resume, stop, fetch, media download and
/// delete, with the stand-in's clock moved between steps so every duration is exact.
/// </summary>
public sealed class StandInRecordingTests : IAsyncLifetime
{
    private StandInSession session = null!;
    private string callSid = null!;
    private string recordingSid = null!;

    public async Task InitializeAsync()
    {
        session = await StandInSession.StartAsync(o => o.Callees[StandInSession.Customer] = new CalleeScript(CalleeBehavior.PressesOne));
        var flow = new ConsentFlow(session);
        (callSid, _) = await flow.PlaceAsync();
        recordingSid = (await flow.Started).Sid;
    }

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task PauseResumeStop_SkipAndSilencePauses_EachAnswerReportsTheNewStatus()
    {
        var (paused, resumed, pausedSilent, stopped) = await RecordWithPausesAsync();

        Assert.Equal((recordingSid, "paused"), (paused.Sid, paused.Status));
        Assert.Equal("in-progress", resumed.Status);
        Assert.Equal("paused", pausedSilent.Status);
        Assert.Equal("stopped", stopped.Status);
        Assert.Equal(callSid, stopped.CallSid);
        var pauses = session.StandIn.FindRecording(recordingSid)!.Pauses;
        Assert.Equal([StandInPauseBehavior.Skip, StandInPauseBehavior.Silence], pauses.Select(p => p.Behavior));
    }

    [Fact]
    public async Task GetRecording_AfterStop_ReportsCompletedWithTheMediaDurationLessSkippedPause()
    {
        await RecordWithPausesAsync();

        var recording = await session.Client.GetRecordingAsync(recordingSid);

        // 2 s recorded, 3 s skipped, 1 s recorded, 2 s of silence, 1 s recorded.
        Assert.Equal(("completed", 6), (recording.Status, recording.Duration));
        Assert.Equal((callSid, 2, "StartCallRecordingAPI"), (recording.CallSid, recording.Channels, recording.Source));
        Assert.Equal(StandInSession.Start, recording.DateCreated);
        Assert.Equal($"/2010-04-01/Accounts/{session.Options.AccountSid}/Recordings/{recordingSid}.json", recording.ResourceUri);
    }

    [Fact]
    public async Task DownloadRecording_AfterStop_StreamsTheStandInMediaByteForByte()
    {
        await RecordWithPausesAsync();
        var expected = session.StandIn.RenderExpectedWav(recordingSid);

        await using var media = await session.Client.DownloadRecordingAsync(recordingSid);
        using var copy = new MemoryStream();
        await media.Content.CopyToAsync(copy);

        Assert.Equal("audio/x-wav", media.ContentType);
        Assert.Equal(expected.Length, media.Length);
        Assert.Equal(44 + (6 * 8000 * 2 * 2), expected.Length);
        Assert.Equal(expected, copy.ToArray());
    }

    [Fact]
    public async Task DeleteRecording_Twice_TrueThenFalseThenFetchIs404()
    {
        await RecordWithPausesAsync();

        Assert.True(await session.Client.DeleteRecordingAsync(recordingSid));
        Assert.False(await session.Client.DeleteRecordingAsync(recordingSid));
        var e = await Assert.ThrowsAsync<TwilioException>(() => session.Client.GetRecordingAsync(recordingSid));
        var media = await Assert.ThrowsAsync<TwilioException>(() => session.Client.DownloadRecordingAsync(recordingSid));

        Assert.Equal((404, 20404), (e.Status, e.Code));
        Assert.Equal((404, 20404), (media.Status, media.Code));
        Assert.True(session.StandIn.FindRecording(recordingSid)!.Deleted);
    }

    [Fact]
    public async Task ListRecordings_TwoRecordingsOnePerPage_BothListedAcrossPages_ADeletedOneNoLonger()
    {
        await RecordWithPausesAsync();
        var second = await session.Client.StartRecordingAsync(callSid, new StartRecordingRequest { RecordingChannels = "dual" });
        session.NetworkTime.Advance(TimeSpan.FromSeconds(1));
        await session.Client.StopRecordingAsync(callSid, second.Sid);
        using var http = new HttpClient();
        var paged = new TwilioClient(http, session.Options, session.ClientTime);

        var listed = await paged.ListRecordingsAsync(callSid);
        await session.Client.DeleteRecordingAsync(recordingSid);
        var afterDelete = await paged.ListRecordingsAsync(callSid);

        Assert.Equal([(recordingSid, "completed"), (second.Sid, "completed")], listed.Select(r => (r.Sid, r.Status!)));
        Assert.Equal(6, listed[0].Duration);
        Assert.Equal([second.Sid], afterDelete.Select(r => r.Sid));
        var pageOne = session.StandIn.Requests.All.First(r => r.Path.EndsWith("/Recordings.json", StringComparison.Ordinal) && r.Method == "GET");
        Assert.Equal("?PageSize=100", pageOne.Query);
        Assert.Empty(await session.Client.ListRecordingsAsync("CA" + new string('f', 32)));
    }

    [Fact]
    public async Task ListRecordingsPage_PageSizeOne_LinksTheNextPage()
    {
        await RecordWithPausesAsync();
        var second = await session.Client.StartRecordingAsync(callSid, new StartRecordingRequest { RecordingChannels = "dual" });
        await session.Client.StopRecordingAsync(callSid, second.Sid);
        using var http = new HttpClient();

        var first = System.Text.Json.JsonDocument.Parse(await (await http.SendAsync(Get($"Calls/{callSid}/Recordings.json?PageSize=1"))).Content.ReadAsStringAsync()).RootElement;
        var next = first.GetProperty("next_page_uri").GetString()!;
        var last = System.Text.Json.JsonDocument.Parse(await (await http.SendAsync(Get(next.TrimStart('/'), rooted: true))).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal((0, 1), (first.GetProperty("page").GetInt32(), first.GetProperty("page_size").GetInt32()));
        Assert.Equal(recordingSid, first.GetProperty("recordings")[0].GetProperty("sid").GetString());
        Assert.Contains("Page=1", next, StringComparison.Ordinal);
        Assert.Equal(second.Sid, last.GetProperty("recordings")[0].GetProperty("sid").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, last.GetProperty("next_page_uri").ValueKind);
    }

    private HttpRequestMessage Get(string relative, bool rooted = false)
    {
        var uri = rooted ? new Uri(session.Options.ApiBaseUrl, relative) : new Uri(session.Options.ApiBaseUrl, $"2010-04-01/Accounts/{session.Options.AccountSid}/{relative}");
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{session.Options.AccountSid}:{session.Options.AuthToken}")));
        return request;
    }

    [Fact]
    public async Task StopRecording_CallAlreadyHungUp_ThrowsTwilioException21220()
    {
        await session.StandIn.HangUpAsync(callSid);

        var e = await Assert.ThrowsAsync<TwilioException>(() => session.Client.StopRecordingAsync(callSid, recordingSid));

        Assert.Equal((400, 21220), (e.Status, e.Code));
    }

    private async Task<(TwilioRecording Paused, TwilioRecording Resumed, TwilioRecording PausedSilent, TwilioRecording Stopped)> RecordWithPausesAsync()
    {
        var client = session.Client;
        session.NetworkTime.Advance(TimeSpan.FromSeconds(2));
        var paused = await client.PauseRecordingAsync(callSid, TwilioClient.CurrentRecording, PauseBehavior.Skip);
        session.NetworkTime.Advance(TimeSpan.FromSeconds(3));
        var resumed = await client.ResumeRecordingAsync(callSid, recordingSid);
        session.NetworkTime.Advance(TimeSpan.FromSeconds(1));
        var pausedSilent = await client.PauseRecordingAsync(callSid, recordingSid, PauseBehavior.Silence);
        session.NetworkTime.Advance(TimeSpan.FromSeconds(2));
        await client.ResumeRecordingAsync(callSid);
        session.NetworkTime.Advance(TimeSpan.FromSeconds(1));
        var stopped = await client.StopRecordingAsync(callSid, recordingSid);
        return (paused, resumed, pausedSilent, stopped);
    }
}
