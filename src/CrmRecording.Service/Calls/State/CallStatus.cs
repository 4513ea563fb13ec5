namespace CrmRecording.Service.Calls.State;

/// <summary>
/// Where a call is. It moves forward only: placing, ringing (the rep's leg is dialled), in progress (the rep answered),
/// then one of the final states Twilio reports (or <see cref="Failed"/> when it never got that far).
/// Stored and shown by the names in <see cref="CallWireNames"/>.
/// </summary>
public enum CallStatus
{
    Placing,
    Ringing,
    InProgress,
    Completed,
    Busy,
    Failed,
    NoAnswer,
    Canceled,
}

/// <summary>What the order of the states means.</summary>
public static class CallStatusFacts
{
    /// <summary>The call is over: nothing moves it to another state again.</summary>
    public static bool IsFinal(this CallStatus status) => status >= CallStatus.Completed;

    /// <summary>How far along a call in this state is; a transition never lowers it.</summary>
    public static int Progress(this CallStatus status) => status.IsFinal() ? 3 : (int)status;
}
