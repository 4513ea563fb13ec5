using CrmRecording.Emulators.Twilio;

namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>The consent question on the customer's leg, answered by a scripted callee; a yes starts the recording through the client.</summary>
public sealed class StandInConsentTests
{
    [Theory]
    [InlineData(CalleeBehavior.PressesOne, "1", null)]
    [InlineData(CalleeBehavior.SaysYes, null, "Yes.")]
    public async Task ConsentLeg_CustomerAgrees_GatherActionStartsRecordingTheParentCall(CalleeBehavior behavior, string? digits, string? speech)
    {
        await using var session = await StandInSession.StartAsync(o => o.Callees[StandInSession.Customer] = new CalleeScript(behavior));
        var flow = new ConsentFlow(session);

        var (parentSid, childSid) = await flow.PlaceAsync();
        var started = await flow.Started;

        var answer = Assert.Single(session.Application.To("/consent-answer"));
        Assert.Equal((digits, speech), (answer["Digits"], answer["SpeechResult"]));
        Assert.Equal((childSid, parentSid), (answer["CallSid"], answer["ParentCallSid"]));
        Assert.Matches("^RE[0-9a-f]{32}$", started.Sid);
        Assert.Equal((parentSid, "in-progress", 2, "StartCallRecordingAPI"), (started.CallSid, started.Status, started.Channels, started.Source));
        Assert.Equal(StandInSession.Start, started.StartTime);
        Assert.Equal(new Uri(session.StandIn.BaseAddress, $"2010-04-01/Accounts/{session.Options.AccountSid}/Recordings/{started.Sid}.wav"), started.MediaUrl);
        Assert.Equal([started.Sid], session.StandIn.FindCall(parentSid)!.RecordingSids);
        var customer = session.StandIn.FindCall(childSid)!;
        Assert.Equal([ConsentFlow.Question.Text, ConsentFlow.Granted.Text], customer.SaidTexts);
        Assert.Equal([ConsentFlow.RepMessage], session.StandIn.FindCall(parentSid)!.SaidTexts);
        Assert.All(session.Application.Received, w => Assert.True(w.SignatureValid, w.Path));
        Assert.Empty(session.StandIn.Webhooks.Errors);
    }

    [Theory]
    [InlineData(CalleeBehavior.PressesTwo)]
    [InlineData(CalleeBehavior.SaysNo)]
    [InlineData(CalleeBehavior.StaysSilent)]
    public async Task ConsentLeg_CustomerDoesNotAgree_BridgesWithoutRecording(CalleeBehavior behavior)
    {
        await using var session = await StandInSession.StartAsync(o => o.Callees[StandInSession.Customer] = new CalleeScript(behavior));
        var flow = new ConsentFlow(session);

        var (_, childSid) = await flow.PlaceAsync();

        Assert.Single(session.Application.To("/consent-answer"));
        Assert.False(flow.Started.IsCompleted);
        Assert.Empty(session.StandIn.Recordings);
        Assert.Equal([ConsentFlow.Question.Text, ConsentFlow.Declined.Text], session.StandIn.FindCall(childSid)!.SaidTexts);
    }
}
