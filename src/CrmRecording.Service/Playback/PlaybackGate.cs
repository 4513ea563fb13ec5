using System.Security.Claims;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Calls;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmRecording.Service.Playback;

/// <summary>
/// Decides one request for a recording, after the bearer token was validated: the token's <c>oid</c> must be a
/// CRM user (else 403), the recording must exist and not be deleted (else 404), and the user must pass
/// <see cref="PlaybackAccess"/> (else 403). Every refusal is appended to the audit trail before it is answered.
/// </summary>
internal sealed partial class PlaybackGate(
    CallerUsers users,
    PlaybackAccess access,
    IMetadataStore metadata,
    ICallStore calls,
    TimeProvider time,
    ILogger<PlaybackGate> log)
{
    private const string NeedsRole =
        "Playing a recording needs the CRM role Recording Reviewer or Recording Administrator (directly or through a team; in Salesforce the custom permission of that name through a permission set), or being the rep who placed the call, that rep's manager, or in Salesforce above the rep in the role hierarchy.";

    /// <param name="range">The Range header, for the audit of a refusal.</param>
    public async Task<GateOutcome> CheckAsync(ClaimsPrincipal principal, string id, string? range, CancellationToken cancellationToken)
    {
        if (!RecordingId.TryParse(id, out var recordingId))
        {
            return GateOutcome.Refuse(RecordingNotFound());
        }

        var caller = CallerIdentity.From(principal);
        try
        {
            if (CallerUsers.MissingClaim(caller) is { } missing)
            {
                return GateOutcome.Refuse(await DenyAsync(caller, caller.AuditActor, recordingId, missing, range, cancellationToken).ConfigureAwait(false));
            }

            var user = await users.FindAsync(caller, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                return GateOutcome.Refuse(await DenyAsync(caller, caller.AuditActor, recordingId, caller.SalesforceUserId is null ? "no CRM user has this Entra object id" : "no active Salesforce user has this id", range, cancellationToken).ConfigureAwait(false));
            }

            var recording = await metadata.GetRecordingAsync(recordingId, cancellationToken).ConfigureAwait(false);
            if (recording is null || recording.IsDeleted)
            {
                return GateOutcome.Refuse(RecordingNotFound());
            }

            var call = recording.CallId is { } callId ? await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false) : null;
            var decision = await access.DecideAsync(user, call, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                return GateOutcome.Refuse(await DenyAsync(caller, PlaybackAudit.CrmActor(user), recordingId, decision.Basis, range, cancellationToken).ConfigureAwait(false));
            }

            return GateOutcome.Allow(new PlaybackGrant(caller, user, recording, call, decision.Basis));
        }
        catch (Exception ex) when (ex is Crm.CrmUnavailableException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Without the CRM's answer nobody is let in; 503 tells the player to try again rather than that access is refused.
            CrmUnavailable(log, ex.GetType().Name);
            await metadata.AppendAsync(time, PlaybackAudit.Denied, caller.AuditActor, recordingId.Value, PlaybackAudit.Detail(StatusCodes.Status503ServiceUnavailable, caller, "the CRM could not be asked for the caller's roles", range, denied: true), cancellationToken).ConfigureAwait(false);
            return GateOutcome.Refuse(TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The CRM is not answering",
                detail: "Your CRM roles could not be checked just now; try again shortly."));
        }
    }

    private async Task<ProblemHttpResult> DenyAsync(CallerIdentity caller, string actor, RecordingId recordingId, string reason, string? range, CancellationToken cancellationToken)
    {
        Denied(log, actor, reason);
        await metadata.AppendAsync(time, PlaybackAudit.Denied, actor, recordingId.Value, PlaybackAudit.Detail(StatusCodes.Status403Forbidden, caller, reason, range, denied: true), cancellationToken).ConfigureAwait(false);
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed to play this recording", detail: $"{NeedsRole} ({reason}.)");
    }

    private static ProblemHttpResult RecordingNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such recording", detail: "No recording has this id, or it was deleted at the end of its retention.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Playback refused for {Actor}: {Reason}")]
    private static partial void Denied(ILogger logger, string actor, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Playback check could not reach the CRM ({Error}); answered 503")]
    private static partial void CrmUnavailable(ILogger logger, string error);
}

/// <summary>Either a grant or the answer that refuses the request.</summary>
internal sealed record GateOutcome(PlaybackGrant? Grant, ProblemHttpResult? Refusal)
{
    public static GateOutcome Allow(PlaybackGrant grant) => new(grant, null);

    public static GateOutcome Refuse(ProblemHttpResult refusal) => new(null, refusal);
}
