namespace CrmRecording.Service.Calls.State;

/// <summary>
/// The call as a state machine: one pure function per <see cref="CallEventKind"/>, taking the call and the event and
/// returning the call after it, or why the event does not apply. Pure, so a store update may re-apply one after a
/// concurrent change. Two rules hold whatever the order of events: a call that ended stays ended as it ended (status and
/// time), and no time moves backwards (an end is never before the call was placed, a span never resumes before it paused).
/// </summary>
public static partial class CallTransitions
{
    /// <summary><see cref="CallEventKind.Dialled"/>: Twilio accepted the rep's leg, which now rings.</summary>
    public static CallTransition Dialled(CallRecord call, string twilioCallSid)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.IsEnded)
        {
            // Twilio may report the end before its answer to the create is stored: keep the end, learn the sid.
            return call.TwilioCallSid is null ? Move(call with { TwilioCallSid = twilioCallSid }) : Ended(call);
        }

        return call.TwilioCallSid == twilioCallSid && call.Status != CallStatus.Placing
            ? CallTransition.Refuse(CallRefusal.AlreadyDone, "The call is already dialled.")
            : Move(call with { TwilioCallSid = twilioCallSid, Status = Forward(call.Status, CallStatus.Ringing) });
    }

    /// <summary><see cref="CallEventKind.PlacementFailed"/>: the call never reached Twilio (the CRM or Twilio refused, or the service stopped).</summary>
    public static CallTransition PlacementFailed(CallRecord call, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.IsEnded)
        {
            return Ended(call);
        }

        return call.TwilioCallSid is not null
            ? CallTransition.Refuse(CallRefusal.Backwards, "The call reached Twilio; its end comes from Twilio.")
            : Move(End(call, CallStatus.Failed, at));
    }

    /// <summary><see cref="CallEventKind.RepAnswered"/>: the rep picked up; the call is in progress.</summary>
    public static CallTransition RepAnswered(CallRecord call, string? callSid)
    {
        ArgumentNullException.ThrowIfNull(call);
        var next = call.TwilioCallSid is null && callSid is not null ? call with { TwilioCallSid = callSid } : call;
        if (!call.IsEnded)
        {
            next = next with { Status = Forward(call.Status, CallStatus.InProgress) };
        }

        return next == call
            ? CallTransition.Refuse(call.IsEnded ? CallRefusal.Ended : CallRefusal.AlreadyDone, call.IsEnded ? EndedMessage : "The rep has already answered.")
            : Move(next);
    }

    /// <summary><see cref="CallEventKind.CustomerAnswered"/>: the customer picked up on their own leg.</summary>
    public static CallTransition CustomerAnswered(CallRecord call, string customerCallSid)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.CustomerCallSid is null
            ? Move(call with { CustomerCallSid = customerCallSid })
            : CallTransition.Refuse(CallRefusal.AlreadyDone, "The customer has already answered.");
    }

    /// <summary><see cref="CallEventKind.HungUp"/>: the customer's leg ended, and with it the call.</summary>
    public static CallTransition HungUp(CallRecord call, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.IsEnded ? Ended(call) : Move(End(call, CallStatus.Completed, at));
    }

    /// <summary>
    /// <see cref="CallEventKind.StatusReported"/>: Twilio's status callback (<c>CallStatus</c> as Twilio names it, and its
    /// <c>CallDuration</c> when the call ended). A final report after the call ended adds only a duration not yet known.
    /// </summary>
    public static CallTransition StatusReported(CallRecord call, string? twilioStatus, DateTimeOffset at, int? seconds = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!CallWireNames.TryParseStatus(twilioStatus, out var status) || status == CallStatus.Placing)
        {
            return CallTransition.Refuse(CallRefusal.UnknownStatus, $"'{twilioStatus}' is not a state the call moves to.");
        }

        if (call.IsEnded)
        {
            return status.IsFinal() && call.Seconds is null && seconds is not null ? Move(call with { Seconds = seconds }) : Ended(call);
        }

        if (status.IsFinal())
        {
            return Move(End(call, status, at) with { Seconds = seconds });
        }

        return status.Progress() > call.Status.Progress()
            ? Move(call with { Status = status })
            : CallTransition.Refuse(status == call.Status ? CallRefusal.AlreadyDone : CallRefusal.Backwards, $"The call is already {call.Status.ToWireName()}.");
    }

    /// <summary><see cref="CallEventKind.Reconciled"/>: Twilio's REST API says the call ended (at its end time, if it has one).</summary>
    public static CallTransition Reconciled(CallRecord call, string? twilioStatus, DateTimeOffset endedAt, int? seconds = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!CallWireNames.TryParseStatus(twilioStatus, out var status) || !status.IsFinal())
        {
            return CallTransition.Refuse(CallRefusal.UnknownStatus, $"'{twilioStatus}' is not how a call ends.");
        }

        return call.IsEnded ? Ended(call) : Move(End(call, status, endedAt) with { Seconds = seconds });
    }

    private const string EndedMessage = "The call is not in progress.";

    private static CallTransition.Moved Move(CallRecord call) => new(call);

    private static CallTransition.Refused Ended(CallRecord call) =>
        CallTransition.Refuse(CallRefusal.Ended, $"{EndedMessage} (It ended {call.Status.ToWireName()}.)");

    /// <summary>The later of two states: a call never moves back (an answered call is not ringing again).</summary>
    private static CallStatus Forward(CallStatus current, CallStatus next) => next.Progress() > current.Progress() ? next : current;

    /// <summary>The call ended: never before it was placed (clocks of several instances, Twilio's end time, may disagree).</summary>
    private static CallRecord End(CallRecord call, CallStatus status, DateTimeOffset at) =>
        call with { Status = status, EndedAt = at < call.CreatedAt ? call.CreatedAt : at };
}
