using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Telephony;

/// <summary>
/// Checks the <c>X-Twilio-Signature</c> header of a webhook, per Twilio's documented algorithm:
/// Base64(HMAC-SHA1(auth token, full URL + each POST parameter's name and value, sorted by name)). For a JSON
/// body the URL carries <c>bodySHA256</c> (the body's SHA-256 in hex) and the signature covers the URL alone.
/// Comparisons take constant time. No web framework is needed: the host passes the URL Twilio called (see
/// <see cref="PublicRequestUrl"/>), the form fields as received and the header value.
/// </summary>
public static class TwilioSignature
{
    /// <summary>The header Twilio sends the signature in.</summary>
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>
    /// The signature Twilio computes for <paramref name="url"/> and <paramref name="formParameters"/>. Parameters
    /// are sorted by name (ordinal); values of a repeated name keep the order they arrived in.
    /// </summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> formParameters) =>
        Encoding.ASCII.GetString(Hash(authToken, url, formParameters));

    /// <summary>
    /// Whether <paramref name="signature"/> is Twilio's for a form POST (or a GET, with no form). The URL is tried
    /// as given, with the scheme's default port added, and with its port removed, as Twilio may sign any of them.
    /// A name sent more than once is tried with its values in the order received and in sorted order (Twilio's
    /// helper libraries differ on this); either way the auth token's HMAC must match.
    /// </summary>
    public static bool IsValidForm(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentNullException.ThrowIfNull(url);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var fields = form?.ToList() ?? [];
        List<KeyValuePair<string, string>>[] orders = fields.GroupBy(f => f.Key, StringComparer.Ordinal).Any(g => g.Count() > 1)
            ? [fields, [.. fields.OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal)]]
            : [fields];
        var presented = Encoding.ASCII.GetBytes(signature);
        var valid = false;
        foreach (var candidate in UrlVariants(url))
        {
            foreach (var order in orders)
            {
                valid |= Matches(presented, Hash(authToken, candidate, order));
            }
        }

        return valid;
    }

    /// <summary>
    /// Whether a JSON webhook is Twilio's: the signature covers the URL (including its <c>bodySHA256</c>) with no
    /// parameters, and that hash must be the SHA-256 of <paramref name="body"/> exactly as received.
    /// </summary>
    public static bool IsValidJson(string authToken, string url, ReadOnlySpan<byte> body, string? signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentNullException.ThrowIfNull(url);
        if (string.IsNullOrEmpty(signature) || QueryValue(url, "bodySHA256") is not { } hex)
        {
            return false;
        }

        // Twilio writes the hash in lower-case hex; the signature pins the URL text, so the hex is compared as the
        // bytes it names.
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }

        var bodyMatches = CryptographicOperations.FixedTimeEquals(claimed, SHA256.HashData(body));
        var presented = Encoding.ASCII.GetBytes(signature);
        var signed = false;
        foreach (var candidate in UrlVariants(url))
        {
            signed |= Matches(presented, Hash(authToken, candidate, []));
        }

        return bodyMatches & signed;
    }

    /// <summary>
    /// The URL Twilio requested when the service sits behind a proxy or load balancer: the configured public base
    /// (which may end in a path prefix such as <c>/crm</c>) followed by the path and query the app received below
    /// its own base path. Pass its <see cref="Uri.AbsoluteUri"/> to the checks.
    /// </summary>
    public static Uri PublicRequestUrl(Uri publicBaseUrl, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (!publicBaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The public base URL must be absolute.", nameof(publicBaseUrl));
        }

        var root = publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var relative = pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery;
        return new Uri(root + relative);
    }

    /// <summary>The URL as given, then with the default port added (when it has none) or with its port removed.</summary>
    internal static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            yield break;
        }

        var scheme = url[..schemeEnd];
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        authorityEnd = authorityEnd < 0 ? url.Length : authorityEnd;
        var hostStart = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) + 1;
        hostStart = hostStart == 0 ? authorityStart : hostStart;
        var colon = url.LastIndexOf(':', authorityEnd - 1, authorityEnd - hostStart);
        var hasPort = colon > url.LastIndexOf(']', authorityEnd - 1, authorityEnd - hostStart);
        if (hasPort)
        {
            yield return url[..colon] + url[authorityEnd..];
        }
        else if (DefaultPort(scheme) is { } port)
        {
            yield return url[..authorityEnd] + ":" + port + url[authorityEnd..];
        }
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "HMAC-SHA1 is the algorithm Twilio signs webhooks with; the check must compute the same.")]
    private static byte[] Hash(string authToken, string url, IEnumerable<KeyValuePair<string, string>> formParameters)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(url);
        var data = new StringBuilder(url);

        // OrderBy is a stable sort: values of a repeated name stay in the order they arrived.
        foreach (var (name, value) in (formParameters ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Encoding.ASCII.GetBytes(Convert.ToBase64String(hash));
    }

    private static bool Matches(byte[] presented, byte[] expected) => CryptographicOperations.FixedTimeEquals(presented, expected);

    private static string? DefaultPort(string scheme) => scheme.ToUpperInvariant() switch
    {
        "HTTPS" => "443",
        "HTTP" => "80",
        _ => null,
    };

    private static string? QueryValue(string url, string name)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }

        var fragment = url.IndexOf('#', query);
        var text = fragment < 0 ? url[(query + 1)..] : url[(query + 1)..fragment];
        foreach (var pair in text.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && Uri.UnescapeDataString(pair[..equals]) == name)
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
