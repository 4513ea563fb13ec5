using System.Globalization;

namespace CrmRecording.Service.Calls;

/// <summary>A span of the call kept out of the recording (PCI: a card number being read out).</summary>
/// <param name="Behavior">skip (the span is cut out of the audio) or silence (kept as silence).</param>
public sealed record PausedSpan(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt, Guid By, string Behavior)
{
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{PausedAt:HH:mm:ss}Z–") +
        (ResumedAt is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r:HH:mm:ss}Z") : "end of call");
}
