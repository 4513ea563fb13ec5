using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Calls.State;

namespace CrmRecording.Service.Tests.Calls.State;

/// <summary>A call in each state the machine knows, for the transition tests.</summary>
internal static class CallStates
{
    public const string Rep = "CA00000000000000000000000000000001";
    public const string Customer = "CA00000000000000000000000000000002";
    public const string RecordingSid = "RE00000000000000000000000000000001";

    public static readonly DateTimeOffset Placed = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly string[] Names = ["placing", "ringing", "in-progress", "recording", "paused", "ended"];

    public static CallRecord Named(string name, RecordingOutcome decision = RecordingOutcome.RecordAfterConsent)
    {
        var placing = CallRecords.New(decision, at: Placed) with { TwilioCallSid = null, Status = CallStatus.Placing, RecordingAllowed = decision == RecordingOutcome.Record };
        var ringing = placing with { TwilioCallSid = Rep, Status = CallStatus.Ringing };
        var answered = ringing with { Status = CallStatus.InProgress };
        var recording = answered with
        {
            CustomerCallSid = Customer,
            RecordingAllowed = true,
            Recordings = [new CallRecording(RecordingSid, "in-progress", StartedAt: Placed.AddSeconds(20))],
        };
        return name switch
        {
            "placing" => placing,
            "ringing" => ringing,
            "in-progress" => answered,
            "recording" => recording,
            "paused" => recording with
            {
                PausedSpans = [new PausedSpan(Placed.AddSeconds(40), null, CallRecords.Rep, "silence")],
                Recordings = [new CallRecording(RecordingSid, "paused", StartedAt: Placed.AddSeconds(20))],
            },
            "ended" => answered with { Status = CallStatus.Completed, EndedAt = Placed.AddMinutes(3) },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }
}
