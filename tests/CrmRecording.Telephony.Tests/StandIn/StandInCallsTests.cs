using CrmRecording.Emulators.Twilio.Calls;

namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>Placing and ending calls with the production client against the stand-in's Calls resource.</summary>
public sealed class StandInCallsTests : IAsyncLifetime
{
    private StandInSession session = null!;

    public async Task InitializeAsync() => session = await StandInSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task CreateCall_ValidRequest_ParsesTheQueuedCallWithItsRfc2822Dates()
    {
        var call = await session.CallAsync(StandInSession.Customer, "/voice");

        Assert.Matches("^CA[0-9a-f]{32}$", call.Sid);
        Assert.Equal(call.Sid, Assert.Single(session.StandIn.Calls).Sid);
        Assert.Equal("queued", call.Status);
        Assert.Equal(session.Options.AccountSid, call.AccountSid);
        Assert.Equal((StandInSession.Customer, StandInSession.CallerId), (call.To, call.From));
        Assert.Equal("outbound-api", call.Direction);
        Assert.Null(call.ParentCallSid);
        Assert.Equal(StandInSession.Start, call.DateCreated);
        Assert.Equal(TimeSpan.Zero, call.DateCreated!.Value.Offset);
        Assert.Equal(StandInSession.Start, call.DateUpdated);
        Assert.Null(call.StartTime);
        Assert.Null(call.Duration);
    }

    [Fact]
    public async Task CreateCall_ValidRequest_StandInFetchesTheTwimlWithASignatureTheProductionValidatorAccepts()
    {
        var call = await session.CallAsync(StandInSession.Customer, "/voice");
        await session.StandIn.WaitForEndAsync(call.Sid, StandInSession.Patience);

        var voice = Assert.Single(session.Application.To("/voice"));
        Assert.True(voice.SignatureValid);
        Assert.Equal(session.Application.Url("/voice").AbsoluteUri, voice.Url);
        Assert.Equal(call.Sid, voice["CallSid"]);
        Assert.Equal(session.Options.AccountSid, voice["AccountSid"]);
    }

    [Fact]
    public async Task CreateCall_UrlTwilioCannotFetch_ThrowsTwilioExceptionWith400And21205()
    {
        var request = new CreateCallRequest(StandInSession.Customer, null, new Uri("ftp://app.example.com/voice"));

        var e = await Assert.ThrowsAsync<TwilioException>(() => session.Client.CreateCallAsync(request));

        Assert.Equal((400, 21205), (e.Status, e.Code));
        Assert.Equal("https://www.twilio.com/docs/errors/21205", e.MoreInfo);
        Assert.Contains("ftp://app.example.com/voice", e.ServerMessage, StringComparison.Ordinal);
        Assert.Empty(session.StandIn.Calls);
    }

    [Fact]
    public async Task CreateCall_BlankFrom_PlacesTheCallFromTheConfiguredCallerId()
    {
        var request = new CreateCallRequest(StandInSession.Customer, string.Empty, session.Application.Url("/voice"));

        var call = await session.Client.CreateCallAsync(request);

        Assert.Equal(StandInSession.CallerId, call.From);
        Assert.Equal(StandInSession.CallerId, session.StandIn.FindCall(call.Sid)!.From);
    }

    [Fact]
    public async Task UpdateCall_CompleteABridgedCall_AnswersCompletedAndTheCallEnds()
    {
        var callSid = await session.BridgedCallAsync();

        var updated = await session.Client.UpdateCallAsync(callSid, UpdateCallRequest.Complete());
        var ended = await session.StandIn.WaitForEndAsync(callSid, StandInSession.Patience);

        Assert.Equal("completed", updated.Status);
        Assert.Equal(callSid, updated.Sid);
        Assert.Equal(CallStatus.Completed, ended.Status);
        Assert.Equal(CallStatus.Completed, session.StandIn.FindCall(Assert.Single(ended.ChildCallSids))!.Status);
    }
}
