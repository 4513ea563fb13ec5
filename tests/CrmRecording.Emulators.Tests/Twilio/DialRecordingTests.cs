using CrmRecording.Emulators.Twilio;
using CrmRecording.Emulators.Twilio.Calls;
using CrmRecording.Emulators.Twilio.Recordings;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>A <c>&lt;Dial record&gt;</c> recording from bridge to hang-up, its status callbacks and the Dial action.</summary>
public sealed class DialRecordingTests : IAsyncLifetime
{
    private TwilioSession session = null!;

    public async Task InitializeAsync()
    {
        session = await TwilioSession.StartAsync(o => o.Callees[TwilioSession.Customer] = new CalleeScript(CalleeBehavior.PressesOne));
        ConsentApplication.Install(session.Application);
    }

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task HangUpAsync_CustomerLeg_CompletesRecordingThenPostsDialAction()
    {
        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice");
        var parent = await session.StandIn.WaitForCallAsync(parentSid, c => c.Bridged, TwilioSession.Patience);
        var childSid = parent.ChildCallSids[0];
        session.Clock.Advance(TimeSpan.FromSeconds(42));

        await session.StandIn.HangUpAsync(childSid);

        var recordingEvents = session.Application.To("/recording");
        Assert.Equal(["in-progress", "completed"], recordingEvents.Select(e => e["RecordingStatus"]));
        var completed = recordingEvents[1];
        var recordingSid = completed["RecordingSid"]!;
        Assert.Matches("^RE[0-9a-f]{32}$", recordingSid);
        Assert.Equal(parentSid, completed["CallSid"]);
        Assert.Equal(session.Account, completed["AccountSid"]);
        Assert.Equal(new Uri(session.StandIn.BaseAddress, $"2010-04-01/Accounts/{session.Account}/Recordings/{recordingSid}").AbsoluteUri, completed["RecordingUrl"]);
        Assert.Equal("42", completed["RecordingDuration"]);
        Assert.Equal("2", completed["RecordingChannels"]);
        Assert.Equal("DialVerb", completed["RecordingSource"]);
        Assert.Equal("both", completed["RecordingTrack"]);
        Assert.Equal("0", completed["ErrorCode"]);
        Assert.Equal("Tue, 04 Mar 2025 15:06:07 +0000", completed["RecordingStartTime"]);
        Assert.False(recordingEvents[0].Has("RecordingDuration"));

        var dialDone = Assert.Single(session.Application.To("/dial-done"));
        Assert.Equal("completed", dialDone["DialCallStatus"]);
        Assert.Equal(childSid, dialDone["DialCallSid"]);
        Assert.Equal("42", dialDone["DialCallDuration"]);
        Assert.Equal("true", dialDone["DialBridged"]);
        Assert.Equal(parentSid, dialDone["CallSid"]);
        Assert.Equal(recordingSid, dialDone["RecordingSid"]);
        Assert.Equal("in-progress", dialDone["CallStatus"]);

        var order = session.StandIn.Webhooks.All.Select(w => w.Url).ToList();
        Assert.True(order.FindLastIndex(u => u.EndsWith("/recording", StringComparison.Ordinal)) < order.FindIndex(u => u.EndsWith("/dial-done", StringComparison.Ordinal)));
        var ended = await session.StandIn.WaitForEndAsync(parentSid, TwilioSession.Patience);
        Assert.Equal(CallStatus.Completed, ended.Status);
        var recording = session.StandIn.FindRecording(recordingSid)!;
        Assert.Equal(RecordingStatus.Completed, recording.Status);
        Assert.Equal(TimeSpan.FromSeconds(42), recording.Duration);
    }

    [Fact]
    public async Task HangUpAsync_RepLeg_EndsBothLegsAndStillPostsDialAction()
    {
        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice", ("StatusCallback", FakeApplication.Url("/status")));
        var parent = await session.StandIn.WaitForCallAsync(parentSid, c => c.Bridged, TwilioSession.Patience);
        session.Clock.Advance(TimeSpan.FromSeconds(5));

        var ended = await session.StandIn.HangUpAsync(parentSid);

        Assert.Equal(CallStatus.Completed, ended.Status);
        Assert.Equal(CallStatus.Completed, session.StandIn.FindCall(parent.ChildCallSids[0])!.Status);
        var dialDone = Assert.Single(session.Application.To("/dial-done"));
        Assert.Equal("completed", dialDone["CallStatus"]);
        Assert.Equal("5", dialDone["DialCallDuration"]);
        Assert.Equal("completed", session.Application.To("/recording")[^1]["RecordingStatus"]);
        var status = Assert.Single(session.Application.To("/status"));
        Assert.Equal("completed", status["CallStatus"]);
        Assert.Equal("5", status["CallDuration"]);
    }

    [Fact]
    public async Task RecordingMedia_AfterDialRecording_IsTheDualChannelWavOfItsDuration()
    {
        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice");
        var parent = await session.StandIn.WaitForCallAsync(parentSid, c => c.Bridged, TwilioSession.Patience);
        session.Clock.Advance(TimeSpan.FromSeconds(3));
        await session.StandIn.HangUpAsync(parent.ChildCallSids[0]);
        var recordingSid = Assert.Single(session.StandIn.FindCall(parentSid)!.RecordingSids);

        using var media = await session.Http.GetAsync(session.Api($"Recordings/{recordingSid}.wav"));
        var bytes = await media.Content.ReadAsByteArrayAsync();

        Assert.Equal("audio/x-wav", media.Content.Headers.ContentType!.MediaType);
        Assert.Equal(44 + (3 * 8000 * 2 * 2), media.Content.Headers.ContentLength);
        Assert.Equal(session.StandIn.RenderExpectedWav(recordingSid), bytes);
    }

    [Fact]
    public async Task AutoHangUpAfter_EndsTheBridgeByItself()
    {
        await using var sandbox = await TwilioSession.StartAsync(o =>
        {
            o.Callees[TwilioSession.Customer] = new CalleeScript(CalleeBehavior.PressesOne);
            o.AutoHangUpAfter = TimeSpan.FromMilliseconds(50);
        });
        ConsentApplication.Install(sandbox.Application);

        var parentSid = await sandbox.CallAsync(TwilioSession.Rep, "/voice");
        var parent = await sandbox.StandIn.WaitForEndAsync(parentSid, TwilioSession.Patience);

        Assert.True(parent.Bridged);
        Assert.Equal("true", Assert.Single(sandbox.Application.To("/dial-done"))["DialBridged"]);
    }

    [Fact]
    public async Task UpdateCall_StatusCompleted_HangsUpLikeTheTestApi()
    {
        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice");
        await session.StandIn.WaitForCallAsync(parentSid, c => c.Bridged, TwilioSession.Patience);

        using var response = await session.PostAsync($"Calls/{parentSid}.json", ("Status", "completed"));
        var call = await TwilioSession.JsonAsync(response);
        var ended = await session.StandIn.WaitForEndAsync(parentSid, TwilioSession.Patience);

        Assert.Equal("completed", call.GetProperty("status").GetString());
        Assert.Equal(CallStatus.Completed, ended.Status);
        Assert.Single(session.Application.To("/dial-done"));
    }
}
