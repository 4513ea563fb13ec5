namespace CrmRecording.Service.Calls;

/// <summary>How a rep's control of a call (start, pause, resume recording; hang up) ended: the call as it is now, or why not.</summary>
internal abstract record ControlOutcome
{
    private ControlOutcome()
    {
    }

    public sealed record Done(CallRecord Call) : ControlOutcome;

    public sealed record Refused(ControlRefusal Reason, string Detail) : ControlOutcome;
}

/// <summary>Why a control request was refused.</summary>
internal enum ControlRefusal
{
    NoSuchCall,

    /// <summary>Only the rep who placed the call controls it.</summary>
    NotYourCall,

    /// <summary>The request itself is incomplete (an attestation too short, say).</summary>
    InvalidRequest,

    /// <summary>The call is not in a state the request applies to (<see cref="State.CallTransitions"/> said why).</summary>
    NotApplicable,

    /// <summary>Twilio refused or did not answer; nothing changed.</summary>
    TelephonyRefused,
}
