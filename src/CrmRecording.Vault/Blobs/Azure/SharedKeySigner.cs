using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// Shared Key authorization for the Blob service (Microsoft Learn, "Authorize with Shared Key", format for
/// version 2015-02-21 and later): <c>Authorization: SharedKey {account}:{Base64(HMAC-SHA256(key, StringToSign))}</c>.
/// </summary>
/// <remarks>
/// StringToSign is the verb, then Content-Encoding, Content-Language, Content-Length (empty when 0), Content-MD5,
/// Content-Type, Date, If-Modified-Since, If-Match, If-None-Match, If-Unmodified-Since and Range, each followed by
/// a newline; then every <c>x-ms-*</c> header as <c>name:value\n</c>, names lower-cased and sorted; then the
/// canonicalized resource <c>/{account}{encoded path}</c> and, per lower-cased sorted query parameter,
/// <c>\nname:value</c> with the name and value URL-decoded and several values sorted and comma-joined.
/// With Azurite's path-style URIs the path already starts with the account, so the resource reads
/// <c>/devstoreaccount1/devstoreaccount1/container/blob</c>.
/// </remarks>
internal sealed class SharedKeySigner : BlobRequestAuthorizer
{
    private static readonly string[] StandardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    private readonly string _accountName;
    private readonly byte[] _key;

    public SharedKeySigner(string accountName, byte[] key)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentNullException.ThrowIfNull(key);
        _accountName = accountName;
        _key = key;
    }

    public override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", $"{_accountName}:{Sign(StringToSign(request))}");
        return ValueTask.CompletedTask;
    }

    internal string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    internal string StringToSign(HttpRequestMessage request)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var text = new StringBuilder(request.Method.Method.ToUpperInvariant()).Append('\n');
        foreach (var name in StandardHeaders)
        {
            text.Append(StandardHeaderValue(request, name)).Append('\n');
        }

        foreach (var (name, value) in CanonicalizedHeaders(request))
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }

        text.Append('/').Append(_accountName).Append(uri.AbsolutePath);
        foreach (var (name, values) in CanonicalizedQuery(uri))
        {
            text.Append('\n').Append(name).Append(':').AppendJoin(',', values);
        }

        return text.ToString();
    }

    private static string StandardHeaderValue(HttpRequestMessage request, string name)
    {
        if (name == "Content-Length")
        {
            // Since 2015-02-21 a zero length is signed as an empty string, as is a request without a body.
            return request.Content?.Headers.ContentLength is > 0 and var length ? length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        }

        return Values(request.Headers, name) ?? (request.Content is { } content ? Values(content.Headers, name) : null) ?? "";
    }

    private static SortedDictionary<string, string> CanonicalizedHeaders(HttpRequestMessage request)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var all = request.Content is null ? request.Headers : request.Headers.Concat(request.Content.Headers);
        foreach (var header in all)
        {
            if (header.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                result[header.Key.ToLowerInvariant()] = Unfold(string.Join(',', header.Value));
            }
        }

        return result;
    }

    private static SortedDictionary<string, List<string>> CanonicalizedQuery(Uri uri)
    {
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        foreach (var values in result.Values)
        {
            values.Sort(StringComparer.Ordinal);
        }

        return result;
    }

    private static string? Values(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? string.Join(',', values) : null;

    /// <summary>Trims the value and replaces each run of linear whitespace with a single space.</summary>
    private static string Unfold(string value)
    {
        var result = new StringBuilder(value.Length);
        foreach (var c in value.Trim())
        {
            var space = c is ' ' or '\t' or '\r' or '\n';
            if (!space)
            {
                result.Append(c);
            }
            else if (result.Length > 0 && result[^1] != ' ')
            {
                result.Append(' ');
            }
        }

        return result.ToString();
    }
}
