using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmRecording.Emulators.OpenId;

/// <summary>
/// The authorization endpoint (OpenID Connect Core 3.1.2): a request whose client or redirect URI is not
/// registered is answered with a 400 page and never redirected (RFC 6749 4.1.2.1); any other fault goes back to
/// the client as an error response. PKCE with S256, <c>state</c> and <c>nonce</c> are required.
/// </summary>
internal sealed partial class OpenIdHandler
{
    private async Task AuthorizeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string? Single(string name) => query[name] is { Count: 1 } v ? v[0] : null;

        var clientId = Single("client_id");
        var redirectUri = Single("redirect_uri");
        if (clientId is null || !clients.TryGetValue(clientId, out var client))
        {
            await Html(context, StatusCodes.Status400BadRequest, PickerPage.Error("Unknown application", "The application asking you to sign in is not registered with this provider (client_id).")).ConfigureAwait(false);
            return;
        }

        if (redirectUri is null || !client.Allows(redirectUri))
        {
            await Html(context, StatusCodes.Status400BadRequest, PickerPage.Error("Wrong return address", "The application asked to be answered at an address it has not registered (redirect_uri).")).ConfigureAwait(false);
            return;
        }

        var state = Single("state");
        var problem = (Single("response_type"), Single("scope"), Single("code_challenge"), Single("code_challenge_method"), Single("nonce"), Single("response_mode"), Single("prompt")) switch
        {
            (not "code", _, _, _, _, _, _) => ("unsupported_response_type", "Only response_type=code is supported."),
            (_, var scope, _, _, _, _, _) when scope is null || !scope.Split(' ').Contains("openid", StringComparer.Ordinal) => ("invalid_scope", "The scope must include openid."),
            (_, _, var challenge, _, _, _, _) when !Pkce.IsWellFormedChallenge(challenge) => ("invalid_request", "PKCE is required: code_challenge must be BASE64URL(SHA256(code_verifier))."),
            (_, _, _, not "S256", _, _, _) => ("invalid_request", "code_challenge_method must be S256."),
            (_, _, _, _, null or "", _, _) => ("invalid_request", "nonce is required."),
            (_, _, _, _, _, not (null or "query"), _) => ("invalid_request", "Only response_mode=query is supported."),
            (_, _, _, _, _, _, "none") => ("login_required", "Nobody is signed in at this provider; it keeps no session."),
            _ when string.IsNullOrEmpty(state) => ("invalid_request", "state is required."),
            _ => ((string, string)?)null,
        };
        if (problem is { } error)
        {
            RedirectWithError(context, redirectUri, error.Item1, error.Item2, state);
            return;
        }

        var request = new AuthorizationRequest(clientId, redirectUri, state!, Single("nonce")!, Single("code_challenge")!, Single("scope")!, options.TimeProvider.GetUtcNow() + options.PickerLifetime);
        await Html(context, StatusCodes.Status200OK, PickerPage.Render(grants.Add(request), options.Users())).ConfigureAwait(false);
    }

    private async Task PickAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await Html(context, StatusCodes.Status400BadRequest, PickerPage.Error("Sign-in failed", "The sign-in form was not sent as a form.")).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var request = form["request"] is { Count: 1 } handle ? grants.TakeRequest(handle[0]!) : null;
        if (request is null)
        {
            await Html(context, StatusCodes.Status400BadRequest, PickerPage.Error("Sign-in expired", "This sign-in page was already used or has expired. Go back to the application and sign in again.")).ConfigureAwait(false);
            return;
        }

        if (form.ContainsKey("cancel"))
        {
            RedirectWithError(context, request.RedirectUri, "access_denied", "The user cancelled the sign-in.", request.State);
            return;
        }

        var user = form["user"] is { Count: 1 } key ? options.Users().FirstOrDefault(u => string.Equals(u.Key, key[0], StringComparison.Ordinal)) : null;
        if (user is null)
        {
            await Html(context, StatusCodes.Status400BadRequest, PickerPage.Error("Unknown user", "The person chosen is not a user of the sandbox.")).ConfigureAwait(false);
            return;
        }

        var now = options.TimeProvider.GetUtcNow();
        var code = grants.Add(new IssuedCode(request, user, now, now + options.CodeLifetime));
        context.Response.Redirect(QueryHelpers.AddQueryString(request.RedirectUri, new Dictionary<string, string?>
        {
            ["code"] = code,
            ["state"] = request.State,
            ["iss"] = issuer(),
        }));
    }

    private void RedirectWithError(HttpContext context, string redirectUri, string error, string description, string? state)
    {
        var parameters = new Dictionary<string, string?> { ["error"] = error, ["error_description"] = description, ["iss"] = issuer() };
        if (!string.IsNullOrEmpty(state))
        {
            parameters["state"] = state;
        }

        context.Response.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters));
    }
}
