using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrmRecording.Service.SignIn;

/// <summary>
/// The pages the sign-in ends on. Each carries its outcome as a JSON data block that <c>/js/signin-popup.js</c>
/// posts to the window that opened the popup — only to this service's own origin — and then closes the popup;
/// opened any other way, the page just says what happened. No inline script, no framing, nothing cached.
/// </summary>
internal static class SignInPages
{
    public const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The popup's last page after a sign-in: the page token for the opener.</summary>
    public static IResult Complete(PageTokenResponse token) => new SignInPage(
        StatusCodes.Status200OK,
        "Signed in",
        $"You are signed in as {token.User.Name}. This window closes by itself.",
        new SignInMessage("crr-signin", token.Token, token.ExpiresAt, token.ExpiresIn, token.SessionExpiresAt, token.User, null, null));

    /// <param name="error">A stable code for pages: <c>not-a-crm-user</c>, <c>crm-unavailable</c>, <c>sign-in-failed</c>, <c>signed-out</c>.</param>
    public static IResult Failure(int status, string error, string title, string detail) =>
        new SignInPage(status, title, detail, new SignInMessage("crr-signin-error", null, null, null, null, null, error, detail));

    private sealed record SignInMessage(
        string Type, string? Token, DateTimeOffset? ExpiresAt, int? ExpiresIn, DateTimeOffset? SessionExpiresAt, PageTokenUser? User, string? Error, string? Message);

    private sealed class SignInPage(int status, string title, string text, SignInMessage message) : IResult
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers.XContentTypeOptions = "nosniff";
            var html = HtmlEncoder.Default;
            // The serializer's default encoder escapes <, > and &, so the data cannot end its script element.
            var data = JsonSerializer.Serialize(message, Json);
            var script = html.Encode(httpContext.Request.PathBase + "/js/signin-popup.js");
            return response.WriteAsync($"""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{html.Encode(title)}</title>
                <script type="application/json" id="crr-signin-result">{data}</script>
                <script type="module" src="{script}"></script>
                </head>
                <body>
                <main>
                <h1>{html.Encode(title)}</h1>
                <p id="crr-signin-status" role="status">{html.Encode(text)}</p>
                <p><button type="button" id="crr-signin-close" hidden>Close this window</button></p>
                </main>
                </body>
                </html>

                """, httpContext.RequestAborted);
        }
    }
}
