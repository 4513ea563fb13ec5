using CrmRecording.Emulators.Twilio.Media;
using CrmRecording.Emulators.Twilio.Webhooks;

namespace CrmRecording.Emulators.Twilio.Recordings;

/// <summary>A recording while the stand-in holds it; changed only under the call book's lock.</summary>
internal sealed class RecordingState(string sid, string callSid, string source, int channels, string track, DateTimeOffset start, CallbackTarget callback)
{
    private readonly List<RecordingPause> pauses = [];

    public string Sid { get; } = sid;

    public string CallSid { get; } = callSid;

    /// <summary><c>RecordingSource</c>: StartCallRecordingAPI, DialVerb, OutboundAPI, StartCallRecordingTwiML.</summary>
    public string Source { get; } = source;

    public int Channels { get; } = channels;

    public string Track { get; } = track;

    public CallbackTarget Callback { get; } = callback;

    public DateTimeOffset StartTime { get; } = start;

    public DateTimeOffset DateUpdated { get; private set; } = start;

    public DateTimeOffset? EndTime { get; private set; }

    public RecordingStatus Status { get; private set; } = RecordingStatus.InProgress;

    public bool Deleted { get; set; }

    public bool IsActive => Status is RecordingStatus.InProgress or RecordingStatus.Paused;

    public void Pause(DateTimeOffset now, PauseBehavior behavior)
    {
        if (Status == RecordingStatus.InProgress)
        {
            pauses.Add(new RecordingPause(now, null, behavior));
            Status = RecordingStatus.Paused;
        }

        DateUpdated = now;
    }

    public void Resume(DateTimeOffset now)
    {
        if (Status == RecordingStatus.Paused)
        {
            pauses[^1] = pauses[^1] with { End = now };
            Status = RecordingStatus.InProgress;
        }

        DateUpdated = now;
    }

    /// <summary>Ends the recording: completed, or absent when no media was recorded.</summary>
    public void Finish(DateTimeOffset now)
    {
        if (!IsActive)
        {
            return;
        }

        Resume(now);
        EndTime = now;
        Status = Timeline().Duration > TimeSpan.Zero ? RecordingStatus.Completed : RecordingStatus.Absent;
    }

    public RecordingRecord Snapshot(DateTimeOffset now)
    {
        var (duration, silences) = Timeline(now);
        return new RecordingRecord(Sid, CallSid, Source, Channels, Track, Status, StartTime, EndTime, DateUpdated, duration, pauses.ToArray(), silences, Deleted);
    }

    /// <summary>The media length and where its silences fall, from the pauses.</summary>
    public (TimeSpan Duration, IReadOnlyList<SilentSpan> Silences) Timeline(DateTimeOffset? now = null)
    {
        var end = EndTime ?? now ?? StartTime;
        var silences = new List<SilentSpan>();
        var media = TimeSpan.Zero;
        var cursor = StartTime;
        foreach (var pause in pauses)
        {
            var pauseEnd = pause.End ?? end;
            media += pause.Start - cursor;
            if (pause.Behavior == PauseBehavior.Silence && pauseEnd > pause.Start)
            {
                silences.Add(new SilentSpan(media, pauseEnd - pause.Start));
                media += pauseEnd - pause.Start;
            }

            cursor = pauseEnd;
        }

        media += end - cursor;
        return (media < TimeSpan.Zero ? TimeSpan.Zero : media, silences);
    }
}
