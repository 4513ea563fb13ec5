using System.Security.Claims;
using CrmRecording.Dataverse;
using CrmRecording.Dataverse.Users;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Playback;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Who is using the dialer API: the bearer token's <c>oid</c> as a CRM user. A rep places and controls calls
/// only as themselves; a call's details are for the same people who may play its recording.
/// </summary>
internal sealed class CallCaller(CrmAccessDirectory directory, PlaybackAccess access)
{
    /// <returns>The CRM user, or the problem to answer (403 no CRM user, 503 CRM not answering).</returns>
    public async Task<(DataverseUser? User, IResult? Problem)> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var caller = CallerIdentity.From(principal);
        if (caller.EntraObjectId is not { } oid)
        {
            return (null, Results.Problem(statusCode: 403, detail: "The token carries no oid (Entra object id) claim, so the caller can't be matched to a CRM user."));
        }

        try
        {
            return await directory.FindUserAsync(oid, cancellationToken).ConfigureAwait(false) is { } user
                ? (user, null)
                : (null, Results.Problem(statusCode: 403, detail: "No CRM user has this token's Entra object id."));
        }
        catch (Exception ex) when (ex is DataverseException or HttpRequestException)
        {
            return (null, Results.Problem(statusCode: 503, detail: "The CRM could not be asked who you are just now; try again shortly."));
        }
    }

    /// <summary>Whether the user may see the call: its rep, the rep's manager, or a recording reviewer or administrator.</summary>
    public async Task<bool> MaySeeAsync(DataverseUser user, CallRecord call, CancellationToken cancellationToken) =>
        (await access.DecideAsync(user, call, cancellationToken).ConfigureAwait(false)).Allowed;

    /// <summary>Whether the user holds a recording role (for the compliance list of manual starts).</summary>
    public async Task<bool> IsReviewerAsync(DataverseUser user, CancellationToken cancellationToken) =>
        (await directory.RoleNamesAsync(user.Id, cancellationToken).ConfigureAwait(false)).Any(r => string.Equals(r, PlaybackAccess.ReviewerRole, StringComparison.OrdinalIgnoreCase) || string.Equals(r, PlaybackAccess.AdministratorRole, StringComparison.OrdinalIgnoreCase));
}
