using System.Security.Claims;
using CrmRecording.Service.Auth;

namespace CrmRecording.Service.SignIn;

/// <summary>
/// Who signed in, as the service keeps it in the session cookie and page tokens: the identity provider's
/// <c>sub</c>, the Entra object id (<c>oid</c>) the CRM user is found by, the display name, and when the sign-in ends
/// (absolute, whatever the renewals).
/// </summary>
internal sealed record PageUser(string Subject, Guid ObjectId, string Name, DateTimeOffset SessionExpiresAt)
{
    /// <summary>The page token claim carrying <see cref="SessionExpiresAt"/> (seconds since the epoch).</summary>
    public const string SessionExpiresClaim = "session_exp";

    /// <summary>Reads a principal from the cookie or a page token; null when it lacks an <c>oid</c> or the session's end.</summary>
    public static PageUser? From(ClaimsPrincipal principal, DateTimeOffset? sessionExpiresAt = null)
    {
        var caller = CallerIdentity.From(principal);
        var ends = sessionExpiresAt
            ?? (long.TryParse(principal.FindFirst(SessionExpiresClaim)?.Value, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null);
        if (caller.EntraObjectId is not { } oid || ends is not { } end)
        {
            return null;
        }

        var name = principal.FindFirst(CallerIdentity.NameClaim)?.Value;
        return new PageUser(caller.Subject, oid, string.IsNullOrWhiteSpace(name) ? oid.ToString("D") : name, end);
    }
}
