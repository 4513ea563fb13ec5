using CrmRecording.Service.Calls;
using CrmRecording.Vault.Metadata;

namespace CrmRecording.Service.Playback;

/// <summary>
/// <c>GET /api/recordings/{id}</c>: what a reviewer sees beside the player — the recording, its retention and
/// hold, and the call's decision, consent log and paused spans. Call fields are empty for a recording imported
/// without a call.
/// </summary>
internal sealed record RecordingView(
    string Id,
    string? CallId,
    DateTimeOffset CreatedAt,
    long Bytes,
    string ContentType,
    string RetentionClass,
    DateTimeOffset? DeleteAfter,
    bool OnHold,
    string? Decision,
    IReadOnlyList<string> Jurisdictions,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<ConsentEventView> ConsentEvents,
    IReadOnlyList<PausedSpanView> PausedSpans,
    ManualStartView? ManualStart,
    string AudioUrl)
{
    public const string AudioContentType = "audio/wav";

    public static RecordingView From(RecordingRecord recording, CallRecord? call) => new(
        recording.Id.Value,
        recording.CallId,
        recording.CreatedAt,
        recording.PlaintextBytes,
        AudioContentType,
        recording.RetentionClass,
        recording.DeleteAfter,
        recording.OnHold,
        call?.Decision,
        call?.Jurisdictions ?? [],
        call?.Reasons ?? [],
        call?.ConsentEvents.Select(ConsentEventView.From).ToList() ?? [],
        call?.PausedSpans.Select(PausedSpanView.From).ToList() ?? [],
        call?.ManualStart is { } manual ? new ManualStartView(manual.By, manual.At, manual.Attestation) : null,
        $"/api/recordings/{recording.Id.Value}/audio");
}
