using System.Security.Claims;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Playback;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.SignIn;

/// <summary>
/// At the callback, after the handler has validated state, nonce, PKCE and the ID token: the person must be a CRM
/// user, found by <c>oid</c> exactly as the API finds its callers. The session keeps only <c>sub</c>, <c>oid</c> and the
/// name, and the sign-in's absolute end. Any failure is answered with a page (400, 403 or 503), never a 500.
/// </summary>
internal sealed partial class OpenIdSignInEvents(CrmAccessDirectory directory, IOptions<SignInOptions> options, TimeProvider time, ILogger<OpenIdSignInEvents> log) : OpenIdConnectEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal ?? new ClaimsPrincipal();
        var caller = CallerIdentity.From(principal);
        var name = principal.FindFirst(CallerIdentity.NameClaim)?.Value;
        if (caller.EntraObjectId is not { } oid)
        {
            context.Fail(new SignInRefusedException(SignInRefusal.NoObjectId, name));
            return;
        }

        Crm.CrmUser? user;
        try
        {
            user = await directory.FindUserAsync(oid, context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Crm.CrmUnavailableException or HttpRequestException)
        {
            context.Fail(new SignInRefusedException(SignInRefusal.CrmUnavailable, name));
            return;
        }

        if (user is null)
        {
            context.Fail(new SignInRefusedException(SignInRefusal.NotACrmUser, name));
            return;
        }

        var claims = new List<Claim>
        {
            new(CallerIdentity.SubjectClaim, caller.Subject),
            new(CallerIdentity.ObjectIdClaim, oid.ToString("D")),
            new(CallerIdentity.NameClaim, string.IsNullOrWhiteSpace(name) ? user.Name ?? oid.ToString("D") : name),
        };
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, PageSignIn.OpenIdScheme, CallerIdentity.NameClaim, "roles"));
        var properties = context.Properties ?? new AuthenticationProperties();
        properties.IsPersistent = false;
        properties.Items[PageSignIn.SessionExpiresItem] = (time.GetUtcNow() + options.Value.SessionLifetime).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        context.Properties = properties;
        SignedIn(log, user.Key);
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
                "The identity provider did not say which directory account you signed in with (no oid claim), so you cannot be matched to a CRM user."),
            SignInRefusal.CrmUnavailable => SignInPages.Failure(StatusCodes.Status503ServiceUnavailable, "crm-unavailable", "The CRM is not answering",
                "Whether you are a CRM user could not be checked just now. Try signing in again shortly."),
            _ => SignInPages.Failure(StatusCodes.Status400BadRequest, "sign-in-failed", "Sign-in did not complete",
                "The sign-in was cancelled, took too long, or was already used. Go back to the page you came from and sign in again."),
        };
        return page.ExecuteAsync(context.HttpContext);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Page sign-in of CRM user {UserId}")]
    private static partial void SignedIn(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page sign-in refused or failed: {Reason}")]
    private static partial void SignInFailed(ILogger logger, string reason);
}
