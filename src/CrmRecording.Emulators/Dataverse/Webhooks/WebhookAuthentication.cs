using System.Xml;
using System.Xml.Linq;

namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>
/// Applies a service endpoint's authentication to the webhook request as "Register a WebHook" documents:
/// WebhookKey adds <c>?code=VALUE</c>; HttpHeader sends each pair as a header; HttpQueryString adds each pair
/// to the query string. Pairs are read from <c>authvalue</c> as the Plug-in Registration tool writes it
/// (<c>&lt;settings&gt;&lt;setting name="k" value="v" /&gt;&lt;/settings&gt;</c>) or as <c>k: v</c> / <c>k=v</c> lines.
/// </summary>
internal static class WebhookAuthentication
{
    public static (Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers) Apply(RegisteredEndpoint endpoint)
    {
        var value = endpoint.AuthValue ?? string.Empty;
        return (WebhookAuthType)endpoint.AuthType switch
        {
            WebhookAuthType.WebhookKey => (AppendQuery(endpoint.Url, [new("code", value)]), []),
            WebhookAuthType.HttpHeader => (endpoint.Url, Pairs(value)),
            WebhookAuthType.HttpQueryString => (AppendQuery(endpoint.Url, Pairs(value)), []),
            _ => (endpoint.Url, []),
        };
    }

    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(string authValue)
    {
        var trimmed = authValue.Trim();
        if (trimmed.StartsWith('<'))
        {
            try
            {
                return XDocument.Parse(trimmed).Descendants("setting")
                    .Select(s => new KeyValuePair<string, string>((string?)s.Attribute("name") ?? string.Empty, (string?)s.Attribute("value") ?? string.Empty))
                    .Where(p => p.Key.Length > 0)
                    .ToList();
            }
            catch (XmlException)
            {
                return [];
            }
        }

        return trimmed.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (line, at: line.IndexOfAny([':', '='])))
            .Where(l => l.at > 0)
            .Select(l => new KeyValuePair<string, string>(l.line[..l.at].Trim(), l.line[(l.at + 1)..].Trim()))
            .ToList();
    }

    private static Uri AppendQuery(Uri url, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0)
        {
            return url;
        }

        var builder = new UriBuilder(url);
        var query = builder.Query.TrimStart('?');
        var added = string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        builder.Query = query.Length == 0 ? added : $"{query}&{added}";
        return builder.Uri;
    }
}
