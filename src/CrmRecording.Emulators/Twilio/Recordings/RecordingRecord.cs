using CrmRecording.Emulators.Twilio.Media;

namespace CrmRecording.Emulators.Twilio.Recordings;

/// <summary>
/// A recording as the stand-in holds it. <see cref="Duration"/> is the media length: the time between start and
/// end less the pauses with <see cref="PauseBehavior.Skip"/>; <see cref="Silences"/> are the silence pauses,
/// placed on the media timeline.
/// </summary>
public sealed record RecordingRecord(
    string Sid,
    string CallSid,
    string Source,
    int Channels,
    string Track,
    RecordingStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    DateTimeOffset DateUpdated,
    TimeSpan Duration,
    IReadOnlyList<RecordingPause> Pauses,
    IReadOnlyList<SilentSpan> Silences,
    bool Deleted)
{
    /// <summary><c>RecordingDuration</c> and <c>duration</c>: whole seconds.</summary>
    public int DurationSeconds => (int)Math.Round(Duration.TotalSeconds, MidpointRounding.AwayFromZero);
}
