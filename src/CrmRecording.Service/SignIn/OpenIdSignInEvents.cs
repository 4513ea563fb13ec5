using System.Security.Claims;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Crm;
using CrmRecording.Service.Playback;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.SignIn;

/// <summary>
/// At the callback, after the handler has validated state, nonce, PKCE and the ID token: the person must be a CRM
/// user, found exactly as the API finds its callers — by <c>oid</c> after the Dynamics (Entra ID) sign-in, by the
/// Salesforce User id after the Salesforce sign-in (the <c>sub</c> identity URL <c>https://HOST/id/ORG_ID/USER_ID</c>,
/// or the <c>user_id</c> and <c>organization_id</c> claims). The session keeps only <c>sub</c>, that key and the
/// name, and the sign-in's absolute end. Any failure is answered with a page (400, 403 or 503), never a 500.
/// </summary>
internal sealed partial class OpenIdSignInEvents(CallerUsers users, IOptions<SignInOptions> options, TimeProvider time, ILogger<OpenIdSignInEvents> log) : OpenIdConnectEvents
{
    /// <summary>Salesforce's ID token and user info name the User and org with these too.</summary>
    private const string SalesforceUserIdClaim = "user_id";

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal ?? new ClaimsPrincipal();
        var name = principal.FindFirst(CallerIdentity.NameClaim)?.Value;
        var caller = context.Scheme.Name == PageSignIn.SalesforceOpenIdScheme ? SalesforceCaller(principal) : DynamicsCaller(principal);
        if (caller is null)
        {
            context.Fail(new SignInRefusedException(SignInRefusal.NoObjectId, name));
            return;
        }

        CrmUser? user;
        try
        {
            user = await users.FindAsync(caller, context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CrmUnavailableException or HttpRequestException)
        {
            context.Fail(new SignInRefusedException(SignInRefusal.CrmUnavailable, name));
            return;
        }

        if (user is null)
        {
            context.Fail(new SignInRefusedException(SignInRefusal.NotACrmUser, name));
            return;
        }

        var claims = new List<Claim> { new(CallerIdentity.SubjectClaim, caller.Subject) };
        if (caller.SalesforceUserId is { } sf)
        {
            claims.Add(new(CallerIdentity.SalesforceUserIdClaim, sf));
            if (caller.SalesforceOrgId is { } org)
            {
                claims.Add(new(CallerIdentity.SalesforceOrgIdClaim, org));
            }
        }
        else
        {
            claims.Add(new(CallerIdentity.ObjectIdClaim, caller.EntraObjectId!.Value.ToString("D")));
        }

        claims.Add(new(CallerIdentity.NameClaim, string.IsNullOrWhiteSpace(name) ? user.Name ?? user.Id : name));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, context.Scheme.Name, CallerIdentity.NameClaim, "roles"));
        var properties = context.Properties ?? new AuthenticationProperties();
        properties.IsPersistent = false;
        properties.Items[PageSignIn.SessionExpiresItem] = (time.GetUtcNow() + options.Value.SessionLifetime).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        context.Properties = properties;
        SignedIn(log, user.Crm, user.Id);
    }

    /// <summary>Entra ID: the <c>oid</c>; never a Salesforce key, whatever else the token says.</summary>
    private static CallerIdentity? DynamicsCaller(ClaimsPrincipal principal)
    {
        var caller = CallerIdentity.From(principal);
        return caller.EntraObjectId is null ? null : caller with { SalesforceUserId = null, SalesforceOrgId = null };
    }

    /// <summary>
    /// Salesforce: the identity URL in <c>sub</c>, else <c>user_id</c> (with <c>organization_id</c>). The session's
    /// <c>sub</c> is the identity URL either way, so every later token and media link names the same User and org.
    /// </summary>
    private static CallerIdentity? SalesforceCaller(ClaimsPrincipal principal)
    {
        var caller = CallerIdentity.From(principal);
        var user = caller.SalesforceUserId ?? principal.FindFirst(SalesforceUserIdClaim)?.Value;
        var org = caller.SalesforceOrgId;
        if (!CrmRecording.Salesforce.SalesforceId.TryParse(user, out var userId))
        {
            return null;
        }

        // CallerIdentity found no User in the sub, so it is not the identity URL: build it from user_id and organization_id.
        var subject = caller.SalesforceUserId is null && org is not null ? $"https://login.salesforce.com/id/{org}/{userId.Value}" : caller.Subject;
        return new CallerIdentity(subject, null, caller.Issuer, userId.Value, org);
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        var refusal = (context.Failure as SignInRefusedException)?.Reason;
        // The reason or the exception's type only: a provider's error text is not the service's to log.
        var reason = refusal?.ToString() ?? context.Failure?.GetType().Name ?? "unknown";
        SignInFailed(log, reason);
        context.HandleResponse();
        var page = refusal switch
        {
            SignInRefusal.NotACrmUser => SignInPages.Failure(StatusCodes.Status403Forbidden, "not-a-crm-user", "Not a user of the CRM",
                $"You signed in as {(context.Failure as SignInRefusedException)?.Name ?? "someone"}, but no user of the CRM has this account. Ask your CRM administrator to add you, or sign in with another account."),
            SignInRefusal.NoObjectId => SignInPages.Failure(StatusCodes.Status403Forbidden, "not-a-crm-user", "Not a user of the CRM",
                "The identity provider did not say which account you signed in with (no oid claim from Entra ID, no User id from Salesforce), so you cannot be matched to a CRM user."),
            SignInRefusal.CrmUnavailable => SignInPages.Failure(StatusCodes.Status503ServiceUnavailable, "crm-unavailable", "The CRM is not answering",
                "Whether you are a CRM user could not be checked just now. Try signing in again shortly."),
            _ => SignInPages.Failure(StatusCodes.Status400BadRequest, "sign-in-failed", "Sign-in did not complete",
                "The sign-in was cancelled, took too long, or was already used. Go back to the page you came from and sign in again."),
        };
        return page.ExecuteAsync(context.HttpContext);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Page sign-in of {Crm} user {UserId}")]
    private static partial void SignedIn(ILogger logger, string crm, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page sign-in refused or failed: {Reason}")]
    private static partial void SignInFailed(ILogger logger, string reason);
}
