using System.Net.Http.Headers;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// A Key Vault 401 challenge, <c>WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/{tenant}", resource="https://vault.azure.net"</c>.
/// </summary>
internal sealed record BearerChallenge(Uri? Authority, string? Resource, string? Scope)
{
    /// <summary>The tenant named by the authority's first path segment, when there is one.</summary>
    public string? TenantId => Authority?.AbsolutePath.Trim('/').Split('/')[0] is { Length: > 0 } tenant ? tenant : null;

    public static BearerChallenge? From(HttpResponseHeaders headers)
    {
        foreach (var header in headers.WwwAuthenticate)
        {
            if (!string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            {
                continue;
            }

            var parameters = Parse(header.Parameter);
            var authority = Get(parameters, "authorization") ?? Get(parameters, "authorization_uri");
            return new BearerChallenge(
                Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? uri : null,
                Get(parameters, "resource"),
                Get(parameters, "scope"));
        }

        return null;
    }

    /// <summary>
    /// The scope to ask for, if the challenge names one whose host the vault's host belongs to (so a response
    /// cannot steer us into asking for a token for some other service); null otherwise.
    /// </summary>
    public string? ScopeFor(Uri vault)
    {
        var resource = Scope is { Length: > 0 } scope ? scope.Replace("/.default", "", StringComparison.Ordinal) : Resource;
        if (!Uri.TryCreate(resource, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        var belongs = vault.Host.EndsWith("." + uri.Host, StringComparison.OrdinalIgnoreCase);
        return belongs ? $"{uri.GetLeftPart(UriPartial.Authority)}/.default" : null;
    }

    private static Dictionary<string, string> Parse(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in parameter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result[pair[..equals].Trim()] = pair[(equals + 1)..].Trim().Trim('"');
            }
        }

        return result;
    }

    private static string? Get(Dictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
