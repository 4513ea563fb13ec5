namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>A call's <c>status</c> (https://www.twilio.com/docs/voice/api/call-resource#call-status-values).</summary>
public enum CallStatus
{
    Queued,
    Ringing,
    InProgress,
    Completed,
    Busy,
    Failed,
    NoAnswer,
    Canceled,
}

internal static class CallStatusNames
{
    public static string ToWire(this CallStatus status) => status switch
    {
        CallStatus.Queued => "queued",
        CallStatus.Ringing => "ringing",
        CallStatus.InProgress => "in-progress",
        CallStatus.Completed => "completed",
        CallStatus.Busy => "busy",
        CallStatus.Failed => "failed",
        CallStatus.NoAnswer => "no-answer",
        _ => "canceled",
    };

    public static bool IsFinal(this CallStatus status) => status is not (CallStatus.Queued or CallStatus.Ringing or CallStatus.InProgress);
}
