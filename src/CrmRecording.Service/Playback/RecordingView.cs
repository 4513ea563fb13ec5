using CrmRecording.Service.Calls;
using CrmRecording.Vault.Metadata;

namespace CrmRecording.Service.Playback;

/// <summary>
/// <c>GET /api/recordings/{id}</c>: what a reviewer sees beside the player — the recording, its retention and
/// hold, and the call's decision, consent log and paused spans. Call fields are empty for a recording imported
/// without a call.
/// </summary>
/// <param name="StartedAt">Second 0 of the audio (when Twilio started recording), to place consent events and paused spans on it.</param>
/// <param name="Call">Who called whom about what, with links to the CRM rows when the CRM's web address is configured.</param>
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
    string AudioUrl,
    string PeaksUrl,
    string MediaLinkUrl,
    DateTimeOffset? StartedAt,
    CallPartiesView? Call)
{
    public const string AudioContentType = "audio/wav";

    public static RecordingView From(RecordingRecord recording, CallRecord? call, Uri? crmWebAddress = null) => new(
        recording.Id.Value,
        recording.CallId,
        recording.CreatedAt,
        recording.PlaintextBytes,
        AudioContentType,
        recording.RetentionClass,
        recording.DeleteAfter,
        recording.OnHold,
        call is null ? null : CrmRecording.Core.Decisions.RecordingOutcomeNames.ToWireName(call.Decision),
        call?.Jurisdictions ?? [],
        call?.Reasons ?? [],
        call?.ConsentEvents.Select(ConsentEventView.From).ToList() ?? [],
        call?.PausedSpans.Select(PausedSpanView.From).ToList() ?? [],
        call?.ManualStart is { } manual ? new ManualStartView(manual.By, manual.At, manual.Attestation) : null,
        $"/api/recordings/{recording.Id.Value}/audio",
        $"/api/recordings/{recording.Id.Value}/peaks",
        $"/api/recordings/{recording.Id.Value}/media-link",
        call?.Recordings.FirstOrDefault(r => r.VaultId == recording.Id.Value)?.StartedAt,
        call is null ? null : CallPartiesView.From(call, crmWebAddress));
}

/// <summary>The call's rep, the customer called and the row dialled from; <c>…Url</c> open the row in the CRM.</summary>
internal sealed record CallPartiesView(
    Guid RepUserId,
    string? RepName,
    string CustomerTable,
    Guid CustomerId,
    string? CustomerUrl,
    string Entity,
    Guid RecordId,
    string? RecordUrl,
    Guid? PhoneCallId,
    string? PhoneCallUrl)
{
    public static CallPartiesView From(CallRecord call, Uri? crm) => new(
        call.RepUserId,
        call.RepName,
        call.CustomerTable,
        call.CustomerId,
        RowUrl(crm, call.CustomerTable, call.CustomerId),
        call.Entity,
        call.RecordId,
        RowUrl(crm, call.Entity, call.RecordId),
        call.PhoneCallId,
        call.PhoneCallId is { } phoneCall ? RowUrl(crm, "phonecall", phoneCall) : null);

    /// <summary>Dynamics 365's address of a row's main form (Unified Interface <c>main.aspx</c>).</summary>
    private static string? RowUrl(Uri? crm, string table, Guid id) =>
        crm is null ? null : $"{crm.GetLeftPart(UriPartial.Authority)}/main.aspx?pagetype=entityrecord&etn={Uri.EscapeDataString(table)}&id={id:D}";
}
