using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Calls.State;
using CrmRecording.Telephony;

namespace CrmRecording.Service.Tests.Calls.State;

/// <summary>Every event from every state: the call it moves to, or why it does not apply.</summary>
public sealed class CallTransitionsTests
{
    private const string Moved = "moved";
    private static readonly DateTimeOffset Later = CallStates.Placed.AddMinutes(1);

    /// <summary>Each event, what it does from placing, ringing, in-progress, recording, paused and ended.</summary>
    private static readonly (CallEventKind Kind, string Label, Func<CallRecord, CallTransition> Apply, string[] Expected)[] Matrix =
    [
        (CallEventKind.Dialled, "dialled", c => CallTransitions.Dialled(c, CallStates.Rep), [Moved, "AlreadyDone", "AlreadyDone", "AlreadyDone", "AlreadyDone", "Ended"]),
        (CallEventKind.PlacementFailed, "placement failed", c => CallTransitions.PlacementFailed(c, Later), [Moved, "Backwards", "Backwards", "Backwards", "Backwards", "Ended"]),
        (CallEventKind.RepAnswered, "rep answered", c => CallTransitions.RepAnswered(c, CallStates.Rep), [Moved, Moved, "AlreadyDone", "AlreadyDone", "AlreadyDone", "Ended"]),
        (CallEventKind.CustomerAnswered, "customer answered", c => CallTransitions.CustomerAnswered(c, CallStates.Customer), [Moved, Moved, Moved, "AlreadyDone", "AlreadyDone", Moved]),
        (CallEventKind.NoticePlayed, "notice on a consent call", CallTransitions.NoticePlayed, ["OtherDecision", "OtherDecision", "OtherDecision", "OtherDecision", "OtherDecision", "OtherDecision"]),
        (CallEventKind.ConsentAnswered, "yes", c => CallTransitions.ConsentAnswered(c, ConsentAnswerKind.Granted), [Moved, Moved, Moved, "AlreadyDone", "AlreadyDone", "Ended"]),
        (CallEventKind.ConsentAnswered, "no", c => CallTransitions.ConsentAnswered(c, ConsentAnswerKind.Declined), ["AlreadyDone", "AlreadyDone", "AlreadyDone", Moved, Moved, "Ended"]),
        (CallEventKind.ManualStart, "manual start before asking", c => CallTransitions.ManualStart(c, new ManualStart(CallRecords.Rep, Later, "told verbally, agreed")), ["NotDialled", "NotAskedYet", "NotAskedYet", "AlreadyRecording", "AlreadyRecording", "Ended"]),
        (CallEventKind.RecordingStarted, "a new recording", c => CallTransitions.RecordingStarted(c, "RE00000000000000000000000000000002", false, Later), [Moved, Moved, Moved, Moved, Moved, Moved]),
        (CallEventKind.RecordingStarted, "the known recording", c => CallTransitions.RecordingStarted(c, CallStates.RecordingSid, false, Later), [Moved, Moved, Moved, "AlreadyDone", "AlreadyDone", Moved]),
        (CallEventKind.RecordingPaused, "pause", c => CallTransitions.RecordingPaused(c, CallRecords.Rep, Later, "silence"), ["NotRecording", "NotRecording", "NotRecording", Moved, "AlreadyDone", "Ended"]),
        (CallEventKind.RecordingResumed, "resume", c => CallTransitions.RecordingResumed(c, Later), ["NotRecording", "NotRecording", "NotRecording", "NotPaused", Moved, "Ended"]),
        (CallEventKind.RecordingStopped, "stop", CallTransitions.RecordingStopped, ["NotRecording", "NotRecording", "NotRecording", Moved, Moved, "NotRecording"]),
        (CallEventKind.HungUp, "hang-up", c => CallTransitions.HungUp(c, Later), [Moved, Moved, Moved, Moved, Moved, "Ended"]),
        (CallEventKind.StatusReported, "completed", c => CallTransitions.StatusReported(c, "completed", Later), [Moved, Moved, Moved, Moved, Moved, "Ended"]),
        (CallEventKind.StatusReported, "ringing", c => CallTransitions.StatusReported(c, "ringing", Later), [Moved, "AlreadyDone", "Backwards", "Backwards", "Backwards", "Ended"]),
        (CallEventKind.StatusReported, "queued", c => CallTransitions.StatusReported(c, "queued", Later), ["UnknownStatus", "UnknownStatus", "UnknownStatus", "UnknownStatus", "UnknownStatus", "UnknownStatus"]),
        (CallEventKind.Reconciled, "no-answer at Twilio", c => CallTransitions.Reconciled(c, "no-answer", Later), [Moved, Moved, Moved, Moved, Moved, "Ended"]),
        (CallEventKind.Reconciled, "still ringing at Twilio", c => CallTransitions.Reconciled(c, "ringing", Later), ["UnknownStatus", "UnknownStatus", "UnknownStatus", "UnknownStatus", "UnknownStatus", "UnknownStatus"]),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (_, label, _, expected) in Matrix)
        {
            for (var i = 0; i < CallStates.Names.Length; i++)
            {
                data.Add(label, CallStates.Names[i], expected[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Event_FromEachState_MovesOrSaysWhyNot(string label, string state, string expected)
    {
        var apply = Matrix.Single(m => m.Label == label).Apply;
        var call = CallStates.Named(state);

        var transition = apply(call);

        Assert.Equal(expected, transition is CallTransition.Refused refused ? refused.Reason.ToString() : Moved);
        Assert.Equal(transition is CallTransition.Refused ? call : ((CallTransition.Moved)transition).Call, transition.Or(call));
        Assert.True(transition is CallTransition.Refused || ((CallTransition.Moved)transition).Call != call, "a move changes the call");
    }

    [Fact]
    public void Matrix_CoversEveryEventKind()
    {
        Assert.Equal(Enum.GetValues<CallEventKind>().Order(), Matrix.Select(m => m.Kind).Distinct().Order());
    }

    [Fact]
    public void Dialled_AfterTheRepAnswered_DoesNotMoveTheCallBackToRinging()
    {
        var answered = CallTransitions.RepAnswered(CallStates.Named("placing"), CallStates.Rep).Or(CallStates.Named("placing"));

        var dialled = CallTransitions.Dialled(answered, CallStates.Rep).Or(answered);

        Assert.Equal(CallStatus.InProgress, dialled.Status);
    }

    [Fact]
    public void Dialled_AfterTwilioReportedTheEnd_KeepsTheEndAndLearnsTheSid()
    {
        var ended = CallStates.Named("placing") with { Status = CallStatus.Busy, EndedAt = Later };

        var dialled = CallTransitions.Dialled(ended, CallStates.Rep).Or(ended);

        Assert.Equal((CallStatus.Busy, Later, CallStates.Rep), (dialled.Status, dialled.EndedAt, dialled.TwilioCallSid));
    }

    [Fact]
    public void StatusReported_EndTimeBeforeThePlacing_EndsWhenTheCallWasPlaced()
    {
        var call = CallStates.Named("ringing");

        var ended = CallTransitions.StatusReported(call, "no-answer", CallStates.Placed.AddSeconds(-30)).Or(call);

        Assert.Equal((CallStatus.NoAnswer, CallStates.Placed), (ended.Status, ended.EndedAt));
    }

    [Fact]
    public void StatusReported_FinalReportAfterTheHangUp_AddsTwilioDurationButKeepsTheEnd()
    {
        var hungUp = CallTransitions.HungUp(CallStates.Named("recording"), Later).Or(CallStates.Named("recording"));

        var reported = CallTransitions.StatusReported(hungUp, "busy", Later.AddSeconds(5), 57).Or(hungUp);

        Assert.Equal((CallStatus.Completed, Later, 57), (reported.Status, reported.EndedAt, reported.Seconds));
        Assert.Equal(CallRefusal.Ended, Assert.IsType<CallTransition.Refused>(CallTransitions.StatusReported(reported, "completed", Later, 12)).Reason);
    }

    [Fact]
    public void RecordingResumed_ClockBehindThePause_ClosesTheSpanWhenItOpened()
    {
        var paused = CallStates.Named("paused");

        var resumed = CallTransitions.RecordingResumed(paused, paused.PausedSpans[0].PausedAt.AddSeconds(-5)).Or(paused);

        var span = Assert.Single(resumed.PausedSpans);
        Assert.Equal(span.PausedAt, span.ResumedAt);
        Assert.Equal("in-progress", Assert.Single(resumed.Recordings).Status);
    }

    [Theory]
    [InlineData(RecordingOutcome.DoNotRecord, null, "DecisionForbids")]
    [InlineData(RecordingOutcome.RecordAfterConsent, "consent-declined", "CustomerDeclined")]
    [InlineData(RecordingOutcome.RecordAfterConsent, "consent-timeout", Moved)]
    [InlineData(RecordingOutcome.RecordAfterConsent, "consent-unrecognized", Moved)]
    [InlineData(RecordingOutcome.RecordAfterNotice, null, "NoticeNotHeard")]
    [InlineData(RecordingOutcome.RecordAfterNotice, "disclosure-played", Moved)]
    [InlineData(RecordingOutcome.Record, null, Moved)]
    public void ManualStart_AnsweredCall_FollowsTheDecisionAndTheCustomersAnswer(RecordingOutcome decision, string? heard, string expected)
    {
        var call = CallStates.Named("in-progress", decision);
        if (heard is not null)
        {
            call = call with { ConsentEvents = [new ConsentEvent(heard, Later, null, "none", null, "consent-question", "1", "en-US", ["US-CA"], call.Id)] };
        }

        var start = new ManualStart(CallRecords.Rep, Later, "told verbally, agreed");
        var transition = CallTransitions.ManualStart(call, start);

        Assert.Equal(expected, transition is CallTransition.Refused refused ? refused.Reason.ToString() : Moved);
        if (transition is CallTransition.Moved moved)
        {
            Assert.Equal((true, start), (moved.Call.RecordingAllowed, moved.Call.ManualStart));
        }
    }

    [Fact]
    public void NoticePlayed_NoticeCall_AllowsRecordingOnce()
    {
        var call = CallStates.Named("in-progress", RecordingOutcome.RecordAfterNotice);

        var heard = CallTransitions.NoticePlayed(call).Or(call);

        Assert.True(heard.RecordingAllowed);
        Assert.Equal(CallRefusal.AlreadyDone, Assert.IsType<CallTransition.Refused>(CallTransitions.NoticePlayed(heard)).Reason);
    }
}
