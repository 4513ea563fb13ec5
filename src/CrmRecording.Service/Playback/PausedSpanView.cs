using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Playback;

/// <summary>A span kept out of the recording (payment card details), who paused it and how it was left out.</summary>
internal sealed record PausedSpanView(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt, Guid By, string Behavior)
{
    public static PausedSpanView From(PausedSpan span) => new(span.PausedAt, span.ResumedAt, span.By, span.Behavior);
}
