using CrmRecording.Core.Decisions;
using CrmRecording.Telephony;

namespace CrmRecording.Service.Calls.State;

/// <summary>Consent and recording: what the customer heard and answered, and what is being recorded.</summary>
public static partial class CallTransitions
{
    private const string Recording = "in-progress";
    private const string Paused = "paused";

    /// <summary><see cref="CallEventKind.NoticePlayed"/>: the customer heard the notice; staying on the line is consent where the law allows it.</summary>
    public static CallTransition NoticePlayed(CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Decision != RecordingOutcome.RecordAfterNotice)
        {
            return CallTransition.Refuse(CallRefusal.OtherDecision, $"The call's decision is {call.Decision.ToWireName()}, not a notice.");
        }

        if (call.IsEnded)
        {
            return Ended(call);
        }

        return call.RecordingAllowed ? CallTransition.Refuse(CallRefusal.AlreadyDone, "The notice was already played.") : Move(call with { RecordingAllowed = true });
    }

    /// <summary><see cref="CallEventKind.ConsentAnswered"/>: only a clear yes allows recording; any other answer forbids it on this call.</summary>
    public static CallTransition ConsentAnswered(CallRecord call, ConsentAnswerKind answer)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Decision != RecordingOutcome.RecordAfterConsent)
        {
            return CallTransition.Refuse(CallRefusal.OtherDecision, $"The call's decision is {call.Decision.ToWireName()}; nobody was asked.");
        }

        if (call.IsEnded)
        {
            return Ended(call);
        }

        var allowed = answer == ConsentAnswerKind.Granted;
        return call.RecordingAllowed == allowed
            ? CallTransition.Refuse(CallRefusal.AlreadyDone, "The answer changes nothing on this call.")
            : Move(call with { RecordingAllowed = allowed });
    }

    /// <summary>
    /// <see cref="CallEventKind.ManualStart"/>: the rep starts recording after a verbal disclosure. Never over the customer's
    /// own no, the contact's do-not-record flag or the law's do-not-record, nor before the customer has heard (and, for
    /// consent, answered) the disclosure.
    /// </summary>
    public static CallTransition ManualStart(CallRecord call, ManualStart start)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(start);
        if (call.IsEnded || call.TwilioCallSid is null)
        {
            return CallTransition.Refuse(call.IsEnded ? CallRefusal.Ended : CallRefusal.NotDialled, EndedMessage);
        }

        if (IsRecording(call))
        {
            return CallTransition.Refuse(CallRefusal.AlreadyRecording, "The call is already being recorded.");
        }

        if (call.Decision == RecordingOutcome.DoNotRecord)
        {
            return CallTransition.Refuse(CallRefusal.DecisionForbids, "This call must not be recorded (" + string.Join(" ", call.Reasons.Take(2)) + ").");
        }

        if (call.ConsentEvents.Any(e => e.Kind == "consent-declined"))
        {
            return CallTransition.Refuse(CallRefusal.CustomerDeclined, "The customer declined recording on this call; it can't be started by hand.");
        }

        if (call.Decision == RecordingOutcome.RecordAfterConsent && !call.ConsentEvents.Any(e => e.Kind is "consent-timeout" or "consent-unrecognized"))
        {
            return CallTransition.Refuse(CallRefusal.NotAskedYet, "The customer has not been asked yet (or answered yes and recording is under way): wait for the consent question to finish.");
        }

        if (call.Decision == RecordingOutcome.RecordAfterNotice && !call.ConsentEvents.Any(e => e.Kind == "disclosure-played"))
        {
            return CallTransition.Refuse(CallRefusal.NoticeNotHeard, "The customer has not heard the recording notice yet.");
        }

        return Move(call with { RecordingAllowed = true, ManualStart = call.ManualStart ?? start });
    }

    /// <summary><see cref="CallEventKind.RecordingStarted"/>: Twilio started a recording; a repeat (the API's answer and Twilio's callback) adds what it knows.</summary>
    public static CallTransition RecordingStarted(CallRecord call, string recordingSid, bool manual, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Recordings.FirstOrDefault(r => r.RecordingSid == recordingSid) is not { } known)
        {
            return Move(call with { Recordings = [.. call.Recordings, new CallRecording(recordingSid, Recording, Manual: manual, StartedAt: startedAt)] });
        }

        var updated = known with { Manual = known.Manual || manual, StartedAt = known.StartedAt ?? startedAt };
        return updated == known
            ? CallTransition.Refuse(CallRefusal.AlreadyDone, "The recording is already known.")
            : Move(call with { Recordings = [.. call.Recordings.Select(r => r.RecordingSid == recordingSid ? updated : r)] });
    }

    /// <summary><see cref="CallEventKind.RecordingPaused"/>: PCI; the span opens no earlier than the last one closed.</summary>
    public static CallTransition RecordingPaused(CallRecord call, Guid by, DateTimeOffset at, string behavior)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.IsEnded || !IsRecording(call))
        {
            return CallTransition.Refuse(call.IsEnded ? CallRefusal.Ended : CallRefusal.NotRecording, "The call is not being recorded.");
        }

        if (IsPaused(call))
        {
            return CallTransition.Refuse(CallRefusal.AlreadyDone, "The recording is already paused.");
        }

        var from = call.PausedSpans.Select(p => p.ResumedAt ?? p.PausedAt).Append(at).Max();
        return Move(call with
        {
            PausedSpans = [.. call.PausedSpans, new PausedSpan(from, null, by, behavior)],
            Recordings = [.. call.Recordings.Select(r => r.Status == Recording ? r with { Status = Paused } : r)],
        });
    }

    /// <summary><see cref="CallEventKind.RecordingResumed"/>: the open span closes, never before it opened.</summary>
    public static CallTransition RecordingResumed(CallRecord call, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.IsEnded || !IsRecording(call))
        {
            return CallTransition.Refuse(call.IsEnded ? CallRefusal.Ended : CallRefusal.NotRecording, "The call is not being recorded.");
        }

        if (!IsPaused(call))
        {
            return CallTransition.Refuse(CallRefusal.NotPaused, "The recording is not paused.");
        }

        return Move(call with
        {
            PausedSpans = [.. call.PausedSpans.Select(p => p.ResumedAt is null ? p with { ResumedAt = at < p.PausedAt ? p.PausedAt : at } : p)],
            Recordings = [.. call.Recordings.Select(r => r.Status == Paused ? r with { Status = Recording } : r)],
        });
    }

    /// <summary><see cref="CallEventKind.RecordingStopped"/>: after any answer but yes nothing goes on recording (a start that raced the answer included).</summary>
    public static CallTransition RecordingStopped(CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return IsRecording(call)
            ? Move(call with { RecordingAllowed = false, Recordings = [.. call.Recordings.Select(r => r.Status is Recording or Paused ? r with { Status = "stopped" } : r)] })
            : CallTransition.Refuse(CallRefusal.NotRecording, "The call is not being recorded.");
    }

    /// <summary>A recording is running or paused.</summary>
    public static bool IsRecording(CallRecord call) => call.Recordings.Any(r => r.Status is Recording or Paused);

    private static bool IsPaused(CallRecord call) => call.PausedSpans.Any(p => p.ResumedAt is null);
}
