namespace CrmRecording.Emulators.Twilio.Recordings;

/// <summary>A recording's <c>status</c> (https://www.twilio.com/docs/voice/api/recording#recording-status-values).</summary>
public enum RecordingStatus
{
    InProgress,
    Paused,
    Stopped,
    Completed,

    /// <summary>Nothing was recorded (zero length); Twilio reports such recordings as absent.</summary>
    Absent,
}

internal static class RecordingStatusNames
{
    public static string ToWire(this RecordingStatus status) => status switch
    {
        RecordingStatus.InProgress => "in-progress",
        RecordingStatus.Paused => "paused",
        RecordingStatus.Stopped => "stopped",
        RecordingStatus.Completed => "completed",
        _ => "absent",
    };
}
