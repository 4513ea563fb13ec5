namespace CrmRecording.Service.Calls;

/// <summary>How a click to dial ended: the call placed, or why not (the endpoint answers each reason with its HTTP status).</summary>
internal abstract record PlaceOutcome
{
    private PlaceOutcome()
    {
    }

    public sealed record Placed(PlaceCallResponse Call) : PlaceOutcome;

    public sealed record Refused(PlaceRefusal Reason, string Detail) : PlaceOutcome;
}

/// <summary>Why a call was not placed.</summary>
internal enum PlaceRefusal
{
    /// <summary>The request names no CRM record the service can read (a bad id, an unknown table or phone field).</summary>
    InvalidRequest,

    /// <summary>The record or the rep is not in the CRM.</summary>
    NotFound,

    /// <summary>The record has nobody or nothing to call, or its fields can't be read to decide.</summary>
    NotCallable,

    /// <summary>The CRM did not answer: nothing can be decided, so nothing is dialled.</summary>
    CrmUnavailable,

    /// <summary>The call store did not accept the call.</summary>
    StoreUnavailable,

    /// <summary>Twilio refused the call.</summary>
    TelephonyRefused,
}
