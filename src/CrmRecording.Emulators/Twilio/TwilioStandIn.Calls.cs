using CrmRecording.Emulators.Twilio.Calls;
using CrmRecording.Emulators.Twilio.Media;
using CrmRecording.Emulators.Twilio.Recordings;

namespace CrmRecording.Emulators.Twilio;

/// <summary>Inspection and control of calls and recordings, for tests and the sandbox.</summary>
public sealed partial class TwilioStandIn
{
    /// <summary>Every call leg so far, parents and dialled children, in creation order.</summary>
    public IReadOnlyList<CallRecord> Calls => book.All;

    /// <summary>Every recording so far, deleted ones included (flagged).</summary>
    public IReadOnlyList<RecordingRecord> Recordings => book.Recordings;

    public CallRecord? FindCall(string callSid) => book.Snapshot(callSid);

    public RecordingRecord? FindRecording(string recordingSid) => book.RecordingSnapshot(recordingSid);

    /// <summary>Completes with the first state of the call leg that satisfies <paramref name="condition"/>; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<CallRecord> WaitForCallAsync(string callSid, Func<CallRecord, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callSid);
        ArgumentNullException.ThrowIfNull(condition);
        return book.WaitAsync(callSid, condition, timeout, cancellationToken);
    }

    /// <summary>Completes once the call leg has ended and sent its last callbacks.</summary>
    public Task<CallRecord> WaitForEndAsync(string callSid, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        FinishedAsync(Leg(callSid), timeout, cancellationToken);

    /// <summary>
    /// The party on the leg hangs up (either leg of a dial). Completes once the leg has ended and its callbacks
    /// were sent: for a dialled leg that includes the Dial recording's completed event and the Dial action.
    /// </summary>
    public Task<CallRecord> HangUpAsync(string callSid, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var leg = Leg(callSid);
        book.Change(() => leg.Interrupt(LegInterruption.HangUpNow));
        return FinishedAsync(leg, timeout ?? TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>The exact bytes <c>GET Recordings/{Sid}.wav</c> serves for the recording as it is now.</summary>
    public byte[] RenderExpectedWav(string recordingSid)
    {
        var recording = book.RecordingSnapshot(recordingSid) ?? throw new ArgumentException($"No recording {recordingSid}.", nameof(recordingSid));
        return DualChannelWav.Render(recording.Duration, recording.Silences, recording.Channels);
    }

    private CallLeg Leg(string callSid) => book.Find(callSid) ?? throw new ArgumentException($"No call {callSid}.", nameof(callSid));

    private async Task<CallRecord> FinishedAsync(CallLeg leg, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await leg.Finished.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        return book.Snapshot(leg.Sid)!;
    }
}
