namespace CrmRecording.Service.Calls.State;

/// <summary>Why an event does not apply to the call as it is.</summary>
public enum CallRefusal
{
    /// <summary>The call is over; its end is not changed.</summary>
    Ended,

    /// <summary>The call has not reached Twilio yet.</summary>
    NotDialled,

    /// <summary>The event is already reflected in the call (a retried webhook, a repeated click).</summary>
    AlreadyDone,

    /// <summary>The event would move the call back to an earlier state.</summary>
    Backwards,

    /// <summary>The event is about a decision this call does not have (a notice on a call that asks for consent, say).</summary>
    OtherDecision,

    /// <summary>The law or the contact's do-not-record flag forbids recording this call.</summary>
    DecisionForbids,

    /// <summary>The customer said no on this call.</summary>
    CustomerDeclined,

    /// <summary>The customer has not answered the consent question yet (or said yes and recording is under way).</summary>
    NotAskedYet,

    /// <summary>The customer has not heard the recording notice yet.</summary>
    NoticeNotHeard,

    /// <summary>A recording is already running (or paused).</summary>
    AlreadyRecording,

    /// <summary>No recording is running.</summary>
    NotRecording,

    /// <summary>The recording is not paused.</summary>
    NotPaused,

    /// <summary>The reported status is not one the call can be in (Twilio's <c>queued</c>, <c>initiated</c>).</summary>
    UnknownStatus,
}
