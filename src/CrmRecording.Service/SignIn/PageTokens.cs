using CrmRecording.Service.Crm;
using CrmRecording.Service.Playback;

namespace CrmRecording.Service.SignIn;

/// <summary>
/// Hands page tokens out — after sign-in, for a session cookie, on renewal — each time checking that the person
/// is still a CRM user (the same cached lookup, by <c>oid</c> or Salesforce User id, the API makes) and that the
/// sign-in has not ended.
/// </summary>
internal sealed class PageTokens(PageTokenIssuer issuer, CallerUsers users, TimeProvider time)
{
    public async Task<PageTokenOutcome> IssueAsync(PageUser user, CancellationToken cancellationToken)
    {
        try
        {
            if (await users.FindAsync(user.Caller, cancellationToken).ConfigureAwait(false) is null)
            {
                return new PageTokenOutcome(PageTokenRefusal.NotACrmUser, null);
            }
        }
        catch (Exception ex) when (ex is CrmUnavailableException or HttpRequestException)
        {
            return new PageTokenOutcome(PageTokenRefusal.CrmUnavailable, null);
        }

        return issuer.Mint(user, time.GetUtcNow()) is { } token
            ? new PageTokenOutcome(null, token)
            : new PageTokenOutcome(PageTokenRefusal.SessionEnded, null);
    }
}

/// <summary>Why no page token was issued.</summary>
internal enum PageTokenRefusal
{
    SessionEnded,
    NotACrmUser,
    CrmUnavailable,
}

/// <summary>A token, or the reason there is none.</summary>
internal sealed record PageTokenOutcome(PageTokenRefusal? Refusal, IssuedPageToken? Token)
{
    public IResult Problem() => Refusal switch
    {
        PageTokenRefusal.NotACrmUser => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not a CRM user", detail: "You are signed in, but no active user of the CRM has your account. Ask your CRM administrator to add you."),
        PageTokenRefusal.CrmUnavailable => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The CRM is not answering", detail: "Whether you are a CRM user could not be checked just now; try again shortly."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Signed out", detail: "The sign-in has ended; sign in again."),
    };
}

/// <summary>What a page receives: the bearer token, when it ends (and in how many seconds, immune to the page's clock), when the sign-in ends, and who.</summary>
internal sealed record PageTokenResponse(string Token, DateTimeOffset ExpiresAt, int ExpiresIn, DateTimeOffset SessionExpiresAt, PageTokenUser User)
{
    public static PageTokenResponse From(IssuedPageToken token) =>
        new(token.Token, token.ExpiresAt, (int)(token.ExpiresAt - token.IssuedAt).TotalSeconds, token.User.SessionExpiresAt, new PageTokenUser(token.User.Name, token.User.ObjectId, token.User.Crm, token.User.SalesforceUserId));
}

/// <summary>Who a page token is for: the name, the CRM, and the user's key there (<c>oid</c> or the Salesforce User id).</summary>
internal sealed record PageTokenUser(string Name, Guid? Oid, string Crm, string? SalesforceUserId);
