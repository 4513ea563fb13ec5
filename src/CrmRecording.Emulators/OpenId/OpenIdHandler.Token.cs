using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CrmRecording.Emulators.OpenId;

/// <summary>
/// The token endpoint (OpenID Connect Core 3.1.3): the client authenticates with its secret, the code is taken
/// out on first use (a replay is refused), its client and redirect URI must match, and the verifier must hash
/// to the challenge. The answer carries an RS256 ID token with <c>oid</c>, <c>name</c>, <c>preferred_username</c> and the nonce.
/// </summary>
internal sealed partial class OpenIdHandler
{
    private async Task TokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await Json(context, StatusCodes.Status400BadRequest, Error("invalid_request", "The token request must be application/x-www-form-urlencoded.")).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? Single(string name) => form[name] is { Count: 1 } v ? v[0] : null;

        var (client, basic, clientError) = AuthenticateClient(context.Request.Headers.Authorization, form);
        if (client is null)
        {
            if (basic)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"token\"";
            }

            await Json(context, StatusCodes.Status401Unauthorized, Error("invalid_client", clientError!)).ConfigureAwait(false);
            return;
        }

        if (Single("grant_type") != "authorization_code")
        {
            await Json(context, StatusCodes.Status400BadRequest, Error("unsupported_grant_type", "Only grant_type=authorization_code is supported.")).ConfigureAwait(false);
            return;
        }

        var code = Single("code") is { Length: > 0 } handle ? grants.TakeCode(handle, out var replayed) : Nothing(out replayed);
        var verifier = Single("code_verifier");
        var problem = code switch
        {
            null when replayed => "The authorization code was already redeemed.",
            null => "The authorization code is unknown or has expired.",
            _ when code.Request.ClientId != client.ClientId => "The authorization code was issued to another client.",
            _ when Single("redirect_uri") != code.Request.RedirectUri => "redirect_uri differs from the one of the authorization request.",
            _ when !Pkce.IsWellFormedVerifier(verifier) => "code_verifier is required (43 to 128 unreserved characters).",
            _ when !Pkce.Matches(verifier!, code.Request.CodeChallenge) => "code_verifier does not match the code_challenge.",
            _ => null,
        };
        if (problem is not null)
        {
            await Json(context, StatusCodes.Status400BadRequest, Error("invalid_grant", problem)).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.Pragma = "no-cache";
        await Json(context, StatusCodes.Status200OK, Tokens(code!)).ConfigureAwait(false);
    }

    private static IssuedCode? Nothing(out bool replayed)
    {
        replayed = false;
        return null;
    }

    private JsonObject Tokens(IssuedCode code)
    {
        var now = options.TimeProvider.GetUtcNow();
        var accessToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var claims = new JsonObject
        {
            ["iss"] = issuer(),
            ["sub"] = code.User.Subject ?? PairwiseSubject(code.Request.ClientId, code.User.ObjectId),
            ["aud"] = code.Request.ClientId,
            ["exp"] = (now + options.TokenLifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["auth_time"] = code.AuthTime.ToUnixTimeSeconds(),
            ["nonce"] = code.Request.Nonce,
            ["name"] = code.User.Name,
            ["preferred_username"] = code.User.PreferredUsername,
            ["at_hash"] = IdTokenSigner.AccessTokenHash(accessToken),
        };
        if (code.User.Subject is null)
        {
            claims["oid"] = code.User.ObjectId.ToString("D");
            claims["tid"] = options.TenantId.ToString("D");
        }

        foreach (var (name, value) in code.User.Claims)
        {
            claims[name] = value;
        }
        return new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)options.TokenLifetime.TotalSeconds,
            ["scope"] = code.Request.Scope,
            ["id_token"] = signer.Sign(claims),
        };
    }

    /// <summary>As Entra ID does, <c>sub</c> differs per application: the same person under two clients cannot be correlated by it.</summary>
    private string PairwiseSubject(string clientId, Guid objectId) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"{signer.KeyId}|{clientId}|{objectId:D}")));

    /// <summary>
    /// <c>client_secret_basic</c> (RFC 6749 2.3.1: id and secret form-url-encoded, then Basic) or
    /// <c>client_secret_post</c>; using both at once is refused. Secrets are compared in constant time.
    /// </summary>
    private (OpenIdClient? Client, bool Basic, string? Error) AuthenticateClient(StringValues authorization, IFormCollection form)
    {
        string? id = form["client_id"] is { Count: 1 } i ? i[0] : null;
        string? secret = form["client_secret"] is { Count: 1 } s ? s[0] : null;
        var basic = false;
        if (AuthenticationHeaderValue.TryParse(authorization, out var header) && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            basic = true;
            if (secret is not null)
            {
                return (null, basic, "Use one client authentication method, not both.");
            }

            var decoded = TryDecodeBasic(header.Parameter);
            if (decoded is not { } pair || (id is not null && id != pair.Id))
            {
                return (null, basic, "The Basic credentials are malformed.");
            }

            (id, secret) = pair;
        }

        if (id is null || secret is null || !clients.TryGetValue(id, out var client)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(client.ClientSecret)))
        {
            return (null, basic, "Client authentication failed.");
        }

        return (client, basic, null);
    }

    private static (string Id, string Secret)? TryDecodeBasic(string? parameter)
    {
        if (parameter is null)
        {
            return null;
        }

        var buffer = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, buffer, out var written))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, written);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (Uri.UnescapeDataString(text[..colon].Replace('+', ' ')), Uri.UnescapeDataString(text[(colon + 1)..].Replace('+', ' ')));
    }
}
