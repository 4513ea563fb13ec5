using CrmRecording.Emulators.Twilio.Webhooks;

namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>One call leg while the stand-in runs it; its mutable state changes only under the call book's lock.</summary>
internal sealed class CallLeg(string sid, string? parentSid, string to, string from, string direction, CalleeScript script, CallbackTarget statusCallback, DateTimeOffset created)
{
    private TaskCompletionSource<LegInterruption> interrupted = NewInterruption();

    public string Sid { get; } = sid;

    public string? ParentSid { get; } = parentSid;

    public string To { get; } = to;

    public string From { get; } = from;

    /// <summary><c>outbound-api</c> for a call created over REST, <c>outbound-dial</c> for a leg placed by <c>&lt;Dial&gt;</c>.</summary>
    public string Direction { get; } = direction;

    public CalleeScript Script { get; } = script;

    public CallbackTarget StatusCallback { get; } = statusCallback;

    public DateTimeOffset DateCreated { get; } = created;

    public DateTimeOffset DateUpdated { get; set; } = created;

    public DateTimeOffset? StartTime { get; set; }

    public DateTimeOffset? EndTime { get; set; }

    public CallStatus Status { get; set; } = CallStatus.Queued;

    public bool Bridged { get; set; }

    public int GathersHeard { get; set; }

    public int StatusSequence { get; set; }

    public List<TranscriptEntry> Transcript { get; } = [];

    public List<GatherInput> GatherInputs { get; } = [];

    public List<string> RecordingSids { get; } = [];

    public List<string> ChildSids { get; } = [];

    /// <summary>Set once the leg has ended and its last callbacks were sent.</summary>
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<LegInterruption> Interrupted => interrupted.Task;

    public LegInterruption? PendingInterruption => interrupted.Task.IsCompleted ? interrupted.Task.Result : null;

    public bool HangUpRequested => PendingInterruption?.HangUp == true;

    public void Interrupt(LegInterruption reason)
    {
        if (HangUpRequested)
        {
            return;
        }

        // A newer redirect, or a hang-up, replaces a redirect not yet taken up.
        if (interrupted.Task.IsCompleted)
        {
            interrupted = NewInterruption();
        }

        interrupted.SetResult(reason);
    }

    /// <summary>Takes up a pending redirect, so the leg runs on until the next interruption.</summary>
    public LegInterruption? TakeRedirect()
    {
        if (PendingInterruption is { HangUp: false } redirect)
        {
            interrupted = NewInterruption();
            return redirect;
        }

        return null;
    }

    public CallRecord Snapshot() => new(
        Sid, ParentSid, To, From, Direction, Status, DateCreated, DateUpdated, StartTime, EndTime, Bridged,
        Transcript.ToArray(), GatherInputs.ToArray(), RecordingSids.ToArray(), ChildSids.ToArray());

    private static TaskCompletionSource<LegInterruption> NewInterruption() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
