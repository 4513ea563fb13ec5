using System.Security.Claims;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.SignIn;

/// <summary>
/// Who signed in, as the service keeps it in the session cookie and page tokens: the identity provider's
/// <c>sub</c>, the CRM user key — the Entra object id (<c>oid</c>) a Dynamics user is found by, or the Salesforce User
/// id and org — the display name, and when the sign-in ends (absolute, whatever the renewals).
/// </summary>
internal sealed record PageUser(string Subject, Guid? ObjectId, string Name, DateTimeOffset SessionExpiresAt, string? SalesforceUserId = null, string? SalesforceOrgId = null)
{
    /// <summary>The page token claim carrying <see cref="SessionExpiresAt"/> (seconds since the epoch).</summary>
    public const string SessionExpiresClaim = "session_exp";

    /// <summary><c>salesforce</c> for a Salesforce User, else <c>dynamics</c>.</summary>
    public string Crm => SalesforceUserId is null ? CrmRecordRef.Dynamics : CrmRecordRef.Salesforce;

    /// <summary>The caller the API sees for this person (the same lookup by <c>oid</c> or Salesforce User id).</summary>
    public CallerIdentity Caller => new(Subject, SalesforceUserId is null ? ObjectId : null, PageTokenIssuer.Issuer, SalesforceUserId, SalesforceOrgId);

    /// <summary>Reads a principal from the cookie or a page token; null when it names no CRM user key or lacks the session's end.</summary>
    public static PageUser? From(ClaimsPrincipal principal, DateTimeOffset? sessionExpiresAt = null)
    {
        var caller = CallerIdentity.From(principal);
        var ends = sessionExpiresAt
            ?? (long.TryParse(principal.FindFirst(SessionExpiresClaim)?.Value, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null);
        if ((caller.EntraObjectId is null && caller.SalesforceUserId is null) || ends is not { } end)
        {
            return null;
        }

        var name = principal.FindFirst(CallerIdentity.NameClaim)?.Value;
        var key = caller.SalesforceUserId ?? caller.EntraObjectId!.Value.ToString("D");
        return caller.SalesforceUserId is { } sf
            ? new PageUser(caller.Subject, null, string.IsNullOrWhiteSpace(name) ? key : name, end, sf, caller.SalesforceOrgId)
            : new PageUser(caller.Subject, caller.EntraObjectId, string.IsNullOrWhiteSpace(name) ? key : name, end);
    }
}
