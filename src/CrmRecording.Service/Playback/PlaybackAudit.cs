using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmRecording.Service.Auth;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmRecording.Service.Playback;

/// <summary>
/// The audit actions playback writes to the vault's hash-chained trail, and their detail text:
/// <c>status=206 basis=owner sub="…" range="bytes=0-99"</c>. The start of each listen is written by the vault's export
/// itself, committed before the first byte is sent (its detail starts with the bytes asked for); everything else is
/// appended here.
/// </summary>
internal static class PlaybackAudit
{
    /// <summary>
    /// A listen began: audio served (200 or 206) to a user, token subject and recording with no such event in the last
    /// <see cref="PlaybackOptions.ListenWindowSeconds"/>, committed by the vault before the first byte is sent. The further
    /// range requests of the listen (a seeking player) are checked for access each time but add no event.
    /// </summary>
    public const string Granted = "playback";

    /// <summary>HEAD of the audio answered: length and type, no audio.</summary>
    public const string HeadGranted = "playback-head";

    /// <summary>The metadata and consent log were shown.</summary>
    public const string Viewed = "recording-viewed";

    /// <summary>The waveform was computed from the audio and shown.</summary>
    public const string PeaksViewed = "recording-peaks";

    /// <summary>A short-lived media link was issued to the player (each use of it is audited as a listen).</summary>
    public const string MediaLinkIssued = "media-link-issued";

    /// <summary>Refused (403), or not decidable because the CRM could not be asked (503).</summary>
    public const string Denied = "playback-denied";

    /// <summary>Allowed, but the requested range lies outside the recording (416).</summary>
    public const string Unsatisfiable = "playback-unsatisfiable";

    /// <summary>The listener went away before the range was sent in full (after the listen's <see cref="Granted"/> event).</summary>
    public const string Aborted = "playback-aborted";

    /// <summary>The audio could not be read (a corrupt chunk, an unavailable key).</summary>
    public const string Failed = "playback-failed";

    public static string CrmActor(Guid userId) => $"crm-user:{userId:D}";

    /// <summary>A Dataverse user as before (<c>crm-user:{guid}</c>); a Salesforce user as <c>sf-user:{id}</c>.</summary>
    public static string CrmActor(Crm.CrmUser user) => user.Crm == Crm.CrmRecordRef.Salesforce ? $"sf-user:{user.Id}" : CrmActor(user.Key);

    /// <summary>Key=value pairs; free text (token subject, reasons, the raw Range header) is JSON-quoted so it cannot forge another pair.</summary>
    public static string Detail(int status, CallerIdentity caller, string? basisOrReason, string? range, bool denied = false)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"status={status}"));
        if (basisOrReason is not null)
        {
            text.Append(denied ? " reason=" : " basis=").Append(JsonSerializer.Serialize(basisOrReason));
        }

        text.Append(" sub=").Append(JsonSerializer.Serialize(caller.Subject));
        text.Append(" iss=").Append(JsonSerializer.Serialize(caller.Issuer));
        if (!string.IsNullOrEmpty(range))
        {
            text.Append(" range=").Append(JsonSerializer.Serialize(range));
        }

        return text.ToString();
    }

    /// <summary>503: what was asked for is handed out only once its event is in the audit trail, and that write failed.</summary>
    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The audit trail cannot be written just now", detail: detail);

    public static Task AppendAsync(this IMetadataStore metadata, TimeProvider time, string action, string actor, string? recordingId, string detail, CancellationToken cancellationToken) =>
        metadata.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), action, actor, recordingId, detail), cancellationToken);
}
