using Microsoft.AspNetCore.Authentication;

namespace CrmRecording.Service.SignIn;

/// <summary>
/// <list type="bullet">
/// <item><c>GET /signin?returnUrl=/path[&amp;crm=salesforce]</c>: top-level pages; signs in (OpenID Connect) and comes back to the local path.</item>
/// <item><c>GET /signin/popup[?crm=salesforce]</c>: the popup an embedded page opens from a click; ends on <c>/signin/popup/complete</c>,
/// which posts a page token to the opener (this origin only) and closes. <c>crm</c> picks the identity provider:
/// the Dynamics one (Entra ID; the default) or the Salesforce org.</item>
/// <item><c>POST /signin/token</c>: a page token for the session cookie (top-level pages; same origin only).</item>
/// <item><c>POST /signin/renew</c>: a fresh page token for a valid one (bearer), until the sign-in's absolute end.</item>
/// <item><c>POST /signout</c>: ends the cookie session.</item>
/// </list>
/// </summary>
internal static class PageSignInEndpoints
{
    public const string PopupCompletePath = "/signin/popup/complete";

    public static IEndpointRouteBuilder MapPageSignIn(this IEndpointRouteBuilder app)
    {
        // Created now, so a generated signing key is reported at start rather than at the first sign-in.
        app.ServiceProvider.GetRequiredService<PageTokenIssuer>();
        var group = app.MapGroup(string.Empty).WithTags("sign-in");
        group.MapGet("/signin", SignInAsync).WithSummary("Sign in (top-level pages) and return to a local path.").ExcludeFromDescription();
        group.MapGet("/signin/popup", (Delegate)PopupAsync).ExcludeFromDescription();
        group.MapGet(PopupCompletePath, PopupCompleteAsync).ExcludeFromDescription();
        group.MapPost("/signin/token", CookieTokenAsync)
            .WithSummary("A page token for the session cookie (same-origin top-level pages).")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/signin/renew", RenewAsync)
            .WithSummary("A fresh page token for a valid one, until the sign-in's absolute end.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/signout", SignOutAsync).WithSummary("Ends the page session cookie.");
        return app;
    }

    internal static async Task<IResult> SignInAsync(HttpContext context, string? returnUrl, string? crm)
    {
        var target = returnUrl ?? "/";
        if (!ReturnUrl.IsLocal(target))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "returnUrl must be a path on this service",
                detail: "Sign-in returns only to a local path such as /recordings/123 (no scheme, host, // or backslash).");
        }

        if (Scheme(context, crm) is not { } scheme)
        {
            return NoProvider(crm);
        }

        var session = await SessionAsync(context).ConfigureAwait(false);
        return session is not null && session.Crm == CrmOf(crm)
            ? TypedResults.Redirect(context.Request.PathBase + target)
            : TypedResults.Challenge(new AuthenticationProperties { RedirectUri = context.Request.PathBase + target }, [scheme]);
    }

    internal static async Task<IResult> PopupAsync(HttpContext context, string? crm)
    {
        if (Scheme(context, crm) is not { } scheme)
        {
            return NoProvider(crm);
        }

        var complete = context.Request.PathBase + PopupCompletePath;
        // Already signed in at the top level (first party) to the same CRM: no round trip to the provider.
        return await SessionAsync(context).ConfigureAwait(false) is { } session && session.Crm == CrmOf(crm)
            ? TypedResults.Redirect(complete)
            : TypedResults.Challenge(new AuthenticationProperties { RedirectUri = complete }, [scheme]);
    }

    private static string CrmOf(string? crm) => crm ?? Crm.CrmRecordRef.Dynamics;

    /// <summary>The sign-in scheme of the CRM asked for; null when that CRM has no sign-in here (or is not a CRM).</summary>
    private static string? Scheme(HttpContext context, string? crm) => CrmOf(crm) switch
    {
        Crm.CrmRecordRef.Dynamics => PageSignIn.OpenIdScheme,
        Crm.CrmRecordRef.Salesforce when context.RequestServices.GetService<SalesforcePageSignIn>() is not null => PageSignIn.SalesforceOpenIdScheme,
        _ => null,
    };

    private static IResult NoProvider(string? crm) => crm is Crm.CrmRecordRef.Salesforce
        ? SignInPages.Failure(StatusCodes.Status404NotFound, "sign-in-failed", "Salesforce sign-in is not set up",
            "This recording service has no Salesforce sign-in configured (Pages:SignIn:Salesforce). Ask your administrator.")
        : SignInPages.Failure(StatusCodes.Status400BadRequest, "sign-in-failed", "Unknown CRM",
            "crm must be dynamics or salesforce.");

    internal static async Task<IResult> PopupCompleteAsync(HttpContext context, PageTokens tokens)
    {
        if (await SessionAsync(context).ConfigureAwait(false) is not { } user)
        {
            return SignInPages.Failure(StatusCodes.Status401Unauthorized, "signed-out", "Not signed in",
                "The sign-in did not complete in this window. Go back to the page you came from and choose Sign in again.");
        }

        var outcome = await tokens.IssueAsync(user, context.RequestAborted).ConfigureAwait(false);
        return outcome.Token is { } token
            ? SignInPages.Complete(PageTokenResponse.From(token))
            : outcome.Refusal switch
            {
                PageTokenRefusal.NotACrmUser => SignInPages.Failure(StatusCodes.Status403Forbidden, "not-a-crm-user", "Not a user of the CRM", $"You signed in as {user.Name}, but no user of the CRM has this account. Ask your CRM administrator to add you."),
                PageTokenRefusal.CrmUnavailable => SignInPages.Failure(StatusCodes.Status503ServiceUnavailable, "crm-unavailable", "The CRM is not answering", "Whether you are a CRM user could not be checked just now. Try again shortly."),
                _ => SignInPages.Failure(StatusCodes.Status401Unauthorized, "signed-out", "Signed out", "The sign-in has ended. Go back to the page you came from and sign in again."),
            };
    }

    internal static async Task<IResult> CookieTokenAsync(HttpContext context, PageTokens tokens)
    {
        if (!IsSameOrigin(context.Request))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request", detail: "Page tokens are handed out to this service's own pages only.");
        }

        return await SessionAsync(context).ConfigureAwait(false) is { } user
            ? Answer(await tokens.IssueAsync(user, context.RequestAborted).ConfigureAwait(false), context)
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: "No session: sign in with GET /signin or the popup at /signin/popup.");
    }

    internal static async Task<IResult> RenewAsync(HttpContext context, PageTokens tokens)
    {
        var result = await context.AuthenticateAsync(PageSignIn.PageTokenScheme).ConfigureAwait(false);
        if (!result.Succeeded || PageUser.From(result.Principal) is not { } user)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Signed out", detail: "Renewal needs a page token that is still valid (Authorization: Bearer); sign in again.");
        }

        return Answer(await tokens.IssueAsync(user, context.RequestAborted).ConfigureAwait(false), context);
    }

    internal static async Task<IResult> SignOutAsync(HttpContext context, string? returnUrl)
    {
        await context.SignOutAsync(PageSignIn.CookieScheme).ConfigureAwait(false);
        return returnUrl is not null && ReturnUrl.IsLocal(returnUrl)
            ? TypedResults.Redirect(context.Request.PathBase + returnUrl)
            : TypedResults.NoContent();
    }

    private static IResult Answer(PageTokenOutcome outcome, HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return outcome.Token is { } token ? TypedResults.Ok(PageTokenResponse.From(token)) : outcome.Problem();
    }

    /// <summary>The signed-in person of the session cookie, if the cookie is valid (idle timeout and absolute end checked).</summary>
    private static async Task<PageUser?> SessionAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(PageSignIn.CookieScheme).ConfigureAwait(false);
        return result.Succeeded && PageSessionEvents.SessionExpiresAt(result.Properties) is { } end ? PageUser.From(result.Principal, end) : null;
    }

    /// <summary>
    /// The cookie is SameSite=Lax, so a cross-site POST does not carry it; the browser's own fetch metadata (or,
    /// from older browsers, the Origin header) is checked as well. Requests that send neither are not from a browser page.
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site == "same-origin";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
