using CrmRecording.Testing.Http;
using StandInRequest = CrmRecording.Emulators.Twilio.Journal.RecordedRequest;

namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>
/// The client's retry rules over a real socket: the stand-in's injected 429 and 503 answers, its Retry-After header,
/// and its request journal as the count of what reached "Twilio".
/// </summary>
public sealed class StandInRetryTests : IAsyncLifetime
{
    private StandInSession session = null!;

    public async Task InitializeAsync() => session = await StandInSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task GetRecording_429WithRetryAfterThenSuccess_WaitsRetryAfterAndReturnsTheRecording()
    {
        var (callSid, recordingSid) = await RecordedCallAsync();
        session.StandIn.Requests.Clear();
        session.StandIn.Faults.TooManyRequests(1, TimeSpan.FromSeconds(2));

        var recording = await session.Client.GetRecordingAsync(recordingSid);

        Assert.Equal((recordingSid, callSid), (recording.Sid, recording.CallSid));
        Assert.Equal(2, RequestsTo($"Recordings/{recordingSid}.json").Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], session.ClientTime.Waits);
    }

    [Fact]
    public async Task CreateCall_503_IsSentOnceAndThrows()
    {
        session.StandIn.Faults.ServiceUnavailable(1);

        var e = await Assert.ThrowsAsync<TwilioException>(() => session.CallAsync(StandInSession.Customer, "/voice"));

        Assert.Equal((503, 20503), (e.Status, e.Code));
        Assert.Single(RequestsTo("Calls.json"));
        Assert.Empty(session.StandIn.Calls);
        Assert.Empty(session.ClientTime.Waits);
    }

    [Fact]
    public async Task CreateCall_429ThenSuccess_IsRetriedAndPlacesExactlyOneCall()
    {
        session.StandIn.Faults.TooManyRequests(1, TimeSpan.FromSeconds(1));

        var call = await session.CallAsync(StandInSession.Customer, "/voice");

        Assert.Equal(2, RequestsTo("Calls.json").Count);
        Assert.Equal(call.Sid, Assert.Single(session.StandIn.Calls).Sid);
        Assert.Equal([TimeSpan.FromSeconds(1)], session.ClientTime.Waits);
    }

    [Fact]
    public async Task PauseRecording_503ThenSuccess_IsRetriedAndPauses()
    {
        var (callSid, recordingSid) = await RecordedCallAsync();
        session.StandIn.Requests.Clear();
        session.StandIn.Faults.ServiceUnavailable(1);

        var paused = await session.Client.PauseRecordingAsync(callSid, recordingSid);

        Assert.Equal("paused", paused.Status);
        var attempts = RequestsTo($"Calls/{callSid}/Recordings/{recordingSid}.json");
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(("paused", "skip"), (a.FormValue("Status"), a.FormValue("PauseBehavior"))));
        Assert.Single(session.ClientTime.Waits);
    }

    [Fact]
    public async Task StartRecording_503_IsSentOnceAndNoRecordingExists()
    {
        var callSid = await session.BridgedCallAsync();
        session.StandIn.Faults.ServiceUnavailable(1);

        var e = await Assert.ThrowsAsync<TwilioException>(() => session.Client.StartRecordingAsync(callSid, new StartRecordingRequest()));

        Assert.Equal(503, e.Status);
        Assert.Single(RequestsTo($"Calls/{callSid}/Recordings.json"));
        Assert.Empty(session.StandIn.Recordings);
    }

    private async Task<(string CallSid, string RecordingSid)> RecordedCallAsync()
    {
        var callSid = await session.BridgedCallAsync();
        var recording = await session.Client.StartRecordingAsync(callSid, new StartRecordingRequest { RecordingChannels = "dual" });
        return (callSid, recording.Sid);
    }

    private List<StandInRequest> RequestsTo(string relative) =>
        [.. session.StandIn.Requests.All.Where(r => r.Path == $"/2010-04-01/Accounts/{session.Options.AccountSid}/{relative}")];
}
