using System.Text;
using System.Text.Encodings.Web;

namespace CrmRecording.Emulators.OpenId;

/// <summary>
/// The sign-in page: one submit button per user, whose text — and so its accessible name — is the user's full
/// name, and a cancel button. The form carries only the handle of the request already validated.
/// </summary>
internal static class PickerPage
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

    public static string Render(string requestHandle, IReadOnlyList<OpenIdUser> users)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in to the sandbox</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 28rem; padding: 0 1rem; }
            ul { list-style: none; padding: 0; }
            li { margin: 0.5rem 0; }
            button { font: inherit; padding: 0.5rem 1rem; min-width: 12rem; text-align: left; }
            .who { color: #444; margin-left: 0.5rem; }
            </style>
            </head>
            <body>
            <main>
            <h1>Sign in to the sandbox</h1>
            <p>This stands in for your organisation's sign-in page. Choose who you are: each person is a user of the sandbox CRM.</p>
            <form method="post" action="/authorize/pick">
            """);
        page.Append("<input type=\"hidden\" name=\"request\" value=\"").Append(html.Encode(requestHandle)).Append("\">\n");
        page.Append("<ul aria-label=\"Sandbox users\">\n");
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            page.Append("<li><button type=\"submit\" name=\"user\" value=\"").Append(html.Encode(user.Key))
                .Append("\" aria-describedby=\"user-").Append(i).Append("\">").Append(html.Encode(user.Name)).Append("</button>")
                .Append("<span class=\"who\" id=\"user-").Append(i).Append("\">").Append(html.Encode(user.PreferredUsername)).Append("</span></li>\n");
        }

        page.Append("</ul>\n");
        if (users.Count == 0)
        {
            page.Append("<p>The sandbox CRM has no users who can sign in.</p>\n");
        }

        page.Append("<p><button type=\"submit\" name=\"cancel\" value=\"1\">Cancel</button></p>\n</form>\n</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    public static string Error(string title, string detail)
    {
        var html = HtmlEncoder.Default;
        return $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{html.Encode(title)}</title></head>
            <body><main><h1>{html.Encode(title)}</h1><p>{html.Encode(detail)}</p></main></body>
            </html>

            """;
    }
}
