using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Calls.State;
using CrmRecording.Telephony;
using FsCheck;
using FsCheck.Fluent;

namespace CrmRecording.Service.Tests.Calls.State;

/// <summary>Laws of the call's state machine over generated sequences of events, in any order, with clocks that disagree.</summary>
public sealed class CallTransitionsPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static readonly string[] TwilioStatuses = ["queued", "initiated", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled"];

    /// <summary>One event at a time offset (seconds, negative = before the call was placed) from the placing.</summary>
    private static readonly Gen<Func<CallRecord, CallTransition>> Event =
        from kind in Gen.Elements(Enum.GetValues<CallEventKind>())
        from seconds in Gen.Choose(-120, 600)
        from status in Gen.Elements(TwilioStatuses)
        from answer in Gen.Elements(Enum.GetValues<ConsentAnswerKind>())
        from recording in Gen.Elements("RE00000000000000000000000000000001", "RE00000000000000000000000000000002")
        let at = CallStates.Placed.AddSeconds(seconds)
        select (Func<CallRecord, CallTransition>)(kind switch
        {
            CallEventKind.Dialled => c => CallTransitions.Dialled(c, CallStates.Rep),
            CallEventKind.PlacementFailed => c => CallTransitions.PlacementFailed(c, at),
            CallEventKind.RepAnswered => c => CallTransitions.RepAnswered(c, CallStates.Rep),
            CallEventKind.CustomerAnswered => c => CallTransitions.CustomerAnswered(c, CallStates.Customer),
            CallEventKind.NoticePlayed => CallTransitions.NoticePlayed,
            CallEventKind.ConsentAnswered => c => CallTransitions.ConsentAnswered(c, answer),
            CallEventKind.ManualStart => c => CallTransitions.ManualStart(c, new ManualStart(CallRecords.Rep, at, "told verbally, agreed")),
            CallEventKind.RecordingStarted => c => CallTransitions.RecordingStarted(c, recording, seconds % 2 == 0, at),
            CallEventKind.RecordingPaused => c => CallTransitions.RecordingPaused(c, CallRecords.Rep, at, "silence"),
            CallEventKind.RecordingResumed => c => CallTransitions.RecordingResumed(c, at),
            CallEventKind.RecordingStopped => CallTransitions.RecordingStopped,
            CallEventKind.HungUp => c => CallTransitions.HungUp(c, at),
            CallEventKind.StatusReported => c => CallTransitions.StatusReported(c, status, at),
            CallEventKind.Reconciled => c => CallTransitions.Reconciled(c, status, at),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        });

    private static readonly Gen<(RecordingOutcome Decision, Func<CallRecord, CallTransition>[] Events)> Histories =
        from decision in Gen.Elements(Enum.GetValues<RecordingOutcome>())
        from events in Gen.ArrayOf(Event)
        select (decision, events);

    [Fact]
    public void AnySequenceOfEvents_NeverLeavesAFinalStateNorMovesTimeBackwards()
    {
        Prop.ForAll(Histories.ToArbitrary(), history =>
        {
            var call = CallStates.Named("placing", history.Decision);
            foreach (var apply in history.Events)
            {
                var next = apply(call).Or(call);
                if (call.IsEnded)
                {
                    Assert.Equal((call.Status, call.EndedAt), (next.Status, next.EndedAt));
                }

                Assert.True(next.Status.Progress() >= call.Status.Progress(), $"{call.Status} moved back to {next.Status}");
                Assert.Equal(next.Status.IsFinal(), next.IsEnded);
                Assert.True(next.EndedAt is null || next.EndedAt >= next.CreatedAt, "ended before it was placed");
                AssertSpansInOrder(next.PausedSpans);
                call = next;
            }
        }).Check(Runs);
    }

    [Fact]
    public void AnySequenceOfEvents_NeverRecordsACallTheLawOrTheContactForbids()
    {
        Prop.ForAll(Gen.ArrayOf(Event).ToArbitrary(), events =>
        {
            var call = CallStates.Named("placing", RecordingOutcome.DoNotRecord);
            foreach (var apply in events)
            {
                call = apply(call).Or(call);
                Assert.False(call.RecordingAllowed, "a do-not-record call was allowed to record");
                Assert.Null(call.ManualStart);
            }
        }).Check(Runs);
    }

    private static void AssertSpansInOrder(IReadOnlyList<PausedSpan> spans)
    {
        var last = DateTimeOffset.MinValue;
        foreach (var span in spans)
        {
            Assert.True(span.PausedAt >= last, "a pause opened before the previous one closed");
            Assert.True(span.ResumedAt is null || span.ResumedAt >= span.PausedAt, "a pause resumed before it opened");
            last = span.ResumedAt ?? span.PausedAt;
        }
    }
}
