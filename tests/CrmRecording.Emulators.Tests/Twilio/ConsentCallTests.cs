using CrmRecording.Emulators.Twilio;
using CrmRecording.Emulators.Twilio.Calls;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>A rep's call that dials the customer, whose leg runs the consent Gather, for each scripted callee behaviour.</summary>
public sealed class ConsentCallTests
{
    [Theory]
    [InlineData(CalleeBehavior.PressesOne, "1", null, true)]
    [InlineData(CalleeBehavior.PressesTwo, "2", null, false)]
    [InlineData(CalleeBehavior.SaysYes, null, "Yes.", true)]
    [InlineData(CalleeBehavior.SaysNo, null, "No.", false)]
    [InlineData(CalleeBehavior.StaysSilent, null, null, false)]
    public async Task ConsentGather_CalleeBehavior_PostsActionWithTwilioGatherParameters(CalleeBehavior behavior, string? digits, string? speech, bool bridged)
    {
        await using var session = await TwilioSession.StartAsync(o => o.Callees[TwilioSession.Customer] = new CalleeScript(behavior));
        ConsentApplication.Install(session.Application);

        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice");
        var parent = await session.StandIn.WaitForCallAsync(parentSid, c => c.ChildCallSids.Count == 1, TwilioSession.Patience);
        var childSid = parent.ChildCallSids[0];
        var child = await session.StandIn.WaitForCallAsync(childSid, c => c.Bridged || c.Status == CallStatus.Completed, TwilioSession.Patience);

        var result = Assert.Single(session.Application.To("/consent-result"));
        Assert.Equal("POST", result.Method);
        Assert.Equal(childSid, result["CallSid"]);
        Assert.Equal(parentSid, result["ParentCallSid"]);
        Assert.Equal(digits, result["Digits"]);
        Assert.Equal(speech, result["SpeechResult"]);
        Assert.Equal(speech is not null, result.Has("Confidence"));
        Assert.Equal(bridged, child.Bridged);
        Assert.Contains(ConsentApplication.Prompt, child.SaidTexts);
        Assert.Equal("en-US", child.Transcript.First(t => t.Text == ConsentApplication.Prompt).Language);
        Assert.Equal(new GatherInput(digits, speech, speech is null ? null : 0.9235, false), Assert.Single(child.GatherInputs));
        Assert.DoesNotContain(ConsentApplication.Prompt, session.StandIn.FindCall(parentSid)!.SaidTexts);
    }

    [Fact]
    public async Task NumberUrl_RunsOnTheChildLeg_WithParentCallSidAndDialDirection()
    {
        await using var session = await TwilioSession.StartAsync(o => o.Callees[TwilioSession.Customer] = new CalleeScript(CalleeBehavior.PressesOne));
        ConsentApplication.Install(session.Application);

        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice");
        var parent = await session.StandIn.WaitForCallAsync(parentSid, c => c.Bridged, TwilioSession.Patience);

        var voice = Assert.Single(session.Application.To("/voice"));
        Assert.Equal(parentSid, voice["CallSid"]);
        Assert.Equal("outbound-api", voice["Direction"]);
        Assert.Equal("in-progress", voice["CallStatus"]);
        Assert.Equal("2010-04-01", voice["ApiVersion"]);
        Assert.Equal(session.Account, voice["AccountSid"]);
        Assert.False(voice.Has("ParentCallSid"));

        var whisper = Assert.Single(session.Application.To("/consent"));
        var childSid = Assert.Single(parent.ChildCallSids);
        Assert.Matches("^CA[0-9a-f]{32}$", childSid);
        Assert.NotEqual(parentSid, childSid);
        Assert.Equal(childSid, whisper["CallSid"]);
        Assert.Equal(parentSid, whisper["ParentCallSid"]);
        Assert.Equal("outbound-dial", whisper["Direction"]);
        Assert.Equal(TwilioSession.Customer, whisper["To"]);
        Assert.Equal(TwilioSession.CompanyNumber, whisper["From"]);
        Assert.Equal("https://app.example.com/consent", whisper.Url.AbsoluteUri);

        var child = session.StandIn.FindCall(childSid)!;
        Assert.Equal(parentSid, child.ParentCallSid);
        Assert.Equal(CallStatus.InProgress, child.Status);
        Assert.Contains("Thank you. Connecting you now.", child.SaidTexts);
    }

    [Fact]
    public async Task ConsentGather_HangsUpDuringGather_EndsChildUnbridgedAndPostsDialAction()
    {
        await using var session = await TwilioSession.StartAsync(o => o.Callees[TwilioSession.Customer] = new CalleeScript(CalleeBehavior.HangsUpDuringGather));
        ConsentApplication.Install(session.Application);

        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice");
        await session.StandIn.WaitForEndAsync(parentSid, TwilioSession.Patience);

        Assert.Empty(session.Application.To("/consent-result"));
        var dialDone = Assert.Single(session.Application.To("/dial-done"));
        Assert.Equal("completed", dialDone["DialCallStatus"]);
        Assert.Equal("false", dialDone["DialBridged"]);
        Assert.False(dialDone.Has("RecordingUrl"));
        Assert.Empty(session.Application.To("/recording"));
        var child = session.StandIn.FindCall(session.StandIn.FindCall(parentSid)!.ChildCallSids[0])!;
        Assert.True(Assert.Single(child.GatherInputs).HungUp);
        Assert.Equal(CallStatus.Completed, child.Status);
    }

    [Fact]
    public async Task ConsentGather_SilenceWithoutActionOnEmptyResult_RunsTheNextVerb()
    {
        await using var session = await TwilioSession.StartAsync(o => o.Callees[TwilioSession.Customer] = new CalleeScript(CalleeBehavior.StaysSilent));
        ConsentApplication.Install(session.Application, actionOnEmptyResult: false);

        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice");
        await session.StandIn.WaitForEndAsync(parentSid, TwilioSession.Patience);

        Assert.Empty(session.Application.To("/consent-result"));
        var child = session.StandIn.FindCall(session.StandIn.FindCall(parentSid)!.ChildCallSids[0])!;
        Assert.Equal([ConsentApplication.Prompt, "We did not hear you."], child.SaidTexts);
        Assert.False(child.Bridged);
    }

    [Fact]
    public async Task LaterGathers_UseTheScriptedInputsInOrder()
    {
        await using var session = await TwilioSession.StartAsync(o =>
            o.Callees[TwilioSession.Customer] = new CalleeScript(CalleeBehavior.PressesTwo) { LaterGathers = [CalleeBehavior.PressesOne] });
        ConsentApplication.Install(session.Application);
        session.Application.Answer("/consent-result", request => request["Digits"] == "1"
            ? FakeApplication.Xml("<Response/>")
            : FakeApplication.Xml("<Response><Redirect>/consent</Redirect></Response>"));

        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice");
        var parent = await session.StandIn.WaitForCallAsync(parentSid, c => c.Bridged, TwilioSession.Patience);

        Assert.Equal(["2", "1"], session.Application.To("/consent-result").Select(r => r["Digits"]));
        Assert.Equal(2, session.StandIn.FindCall(parent.ChildCallSids[0])!.GatherInputs.Count);
    }

    [Theory]
    [InlineData(CalleeBehavior.DoesNotAnswer, "no-answer", CallStatus.NoAnswer)]
    [InlineData(CalleeBehavior.Busy, "busy", CallStatus.Busy)]
    public async Task Dial_CalleeDoesNotPickUp_PostsDialActionWithItsStatus(CalleeBehavior behavior, string dialCallStatus, CallStatus childStatus)
    {
        await using var session = await TwilioSession.StartAsync(o => o.Callees[TwilioSession.Customer] = new CalleeScript(behavior));
        ConsentApplication.Install(session.Application);

        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice");
        var parent = await session.StandIn.WaitForEndAsync(parentSid, TwilioSession.Patience);

        var dialDone = Assert.Single(session.Application.To("/dial-done"));
        Assert.Equal(dialCallStatus, dialDone["DialCallStatus"]);
        Assert.Equal("0", dialDone["DialCallDuration"]);
        Assert.Empty(session.Application.To("/consent"));
        Assert.Equal(childStatus, session.StandIn.FindCall(parent.ChildCallSids[0])!.Status);
        Assert.Equal(CallStatus.Completed, parent.Status);
    }

    [Fact]
    public async Task CallCreatedToTheCustomer_RunsTheCalleeScriptOnTheParentLeg()
    {
        await using var session = await TwilioSession.StartAsync(o => o.Callees[TwilioSession.Customer] = new CalleeScript(CalleeBehavior.SaysYes));
        ConsentApplication.Install(session.Application);

        var sid = await session.CallAsync(TwilioSession.Customer, "/consent");
        await session.StandIn.WaitForEndAsync(sid, TwilioSession.Patience);

        var result = Assert.Single(session.Application.To("/consent-result"));
        Assert.Equal(sid, result["CallSid"]);
        Assert.Equal("Yes.", result["SpeechResult"]);
    }
}
