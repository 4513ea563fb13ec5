namespace CrmRecording.Dataverse.PhoneCalls;

/// <summary>What the call flow writes back onto the phone call; a null member leaves that column unchanged.</summary>
/// <param name="RecordingUrl"><c>crr_recordingurl</c>: the link to the recording in the vault (never logged).</param>
/// <param name="RecordedSeconds"><c>crr_recordedseconds</c>.</param>
/// <param name="ConsentSummary"><c>crr_consentsummary</c>: what was disclosed and answered.</param>
/// <param name="Decision"><c>crr_decision</c>.</param>
/// <param name="DecisionReasons"><c>crr_decisionreasons</c>.</param>
public sealed record PhoneCallRecording(
    string? RecordingUrl = null,
    int? RecordedSeconds = null,
    string? ConsentSummary = null,
    string? Decision = null,
    string? DecisionReasons = null);
