using System.Security.Claims;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Crm;
using CrmRecording.Service.Playback;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Who is using the dialer API: the bearer token's <c>sf_user_id</c> as a Salesforce user, else its <c>oid</c> as a
/// Dataverse user. A rep places and controls calls only as themselves; a call's details are for the same people who
/// may play its recording.
/// </summary>
internal sealed class CallCaller(CallerUsers users, PlaybackAccess access)
{
    /// <returns>The CRM user, or why there is none (no such user, or the CRM not answering).</returns>
    public async Task<CallerLookup> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var caller = CallerIdentity.From(principal);
        if (CallerUsers.MissingClaim(caller) is not null)
        {
            return new CallerLookup.NoCrmUser("The token carries no oid (Entra object id) or sf_user_id (Salesforce User id) claim, so the caller can't be matched to a CRM user.");
        }

        try
        {
            return await users.FindAsync(caller, cancellationToken).ConfigureAwait(false) is { } user
                ? new CallerLookup.Found(user)
                : new CallerLookup.NoCrmUser(caller.SalesforceUserId is null ? "No CRM user has this token's Entra object id." : "No active Salesforce user has this token's sf_user_id.");
        }
        catch (Exception ex) when (ex is CrmUnavailableException or HttpRequestException)
        {
            return new CallerLookup.CrmUnavailable("The CRM could not be asked who you are just now; try again shortly.");
        }
    }

    /// <summary>Whether the user may see the call: as for playing its recording.</summary>
    public async Task<bool> MaySeeAsync(CrmUser user, CallRecord call, CancellationToken cancellationToken) =>
        (await access.DecideAsync(user, call, cancellationToken).ConfigureAwait(false)).Allowed;

    /// <summary>Whether the user holds a recording role or permission (for the compliance list of manual starts).</summary>
    public Task<bool> IsReviewerAsync(CrmUser user, CancellationToken cancellationToken) => access.IsReviewerAsync(user, cancellationToken);
}
