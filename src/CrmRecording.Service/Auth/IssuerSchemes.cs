using Microsoft.IdentityModel.JsonWebTokens;

namespace CrmRecording.Service.Auth;

/// <summary>
/// Picks the authentication scheme of the issuer a bearer token names in <c>iss</c>. Reading <c>iss</c> before
/// validation is safe: the chosen scheme then validates signature, issuer, audience and lifetime, so a forged
/// <c>iss</c> only selects which checks fail.
/// </summary>
internal sealed class IssuerSchemes(IReadOnlyDictionary<string, string> schemeByIssuer, string fallbackScheme)
{
    private static readonly JsonWebTokenHandler Reader = new();

    /// <summary>The scheme for the request's token; the fallback (which rejects it) when none is presented or its issuer is unknown.</summary>
    public string Select(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            var token = header[prefix.Length..].Trim();
            if (Reader.CanReadToken(token))
            {
                try
                {
                    if (schemeByIssuer.TryGetValue(Reader.ReadJsonWebToken(token).Issuer, out var scheme))
                    {
                        return scheme;
                    }
                }
                catch (ArgumentException)
                {
                    // Not a well-formed JWT: the fallback scheme reports it as invalid.
                }
            }
        }

        return fallbackScheme;
    }
}
