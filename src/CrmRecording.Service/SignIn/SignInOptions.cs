using System.ComponentModel.DataAnnotations;
using CrmRecording.Service.Auth;

namespace CrmRecording.Service.SignIn;

/// <summary>
/// The <c>Pages:SignIn</c> section: the identity provider the service's pages sign people in with (OpenID Connect,
/// authorization code + PKCE), the top-level session cookie and the page tokens embedded pages use. In sandbox
/// mode with no <see cref="Authority"/> the sandbox's own provider over the seeded CRM users is used; in remote
/// mode <see cref="Authority"/>, <see cref="ClientId"/> and <see cref="ClientSecret"/> are required.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "Pages:SignIn";

    /// <summary>
    /// The provider's issuer; its discovery document is read from <c>{Authority}/.well-known/openid-configuration</c>.
    /// For Entra ID: <c>https://login.microsoftonline.com/{tenant}/v2.0</c>. https (plain http only on loopback).
    /// </summary>
    public Uri? Authority { get; set; }

    /// <summary>The application (client) id registered at the provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (sent to the token endpoint only; never logged).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes requested; <c>openid</c> is always added. Entra ID issues <c>oid</c> and <c>name</c> with <c>profile</c>.</summary>
    public string[] Scopes { get; set; } = ["openid", "profile"];

    /// <summary>Where the provider sends the browser back; register <c>{PublicBaseUrl}{CallbackPath}</c> as a redirect URI at the provider.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>The session cookie's sliding lifetime: a top-level page unused this long asks to sign in again.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>A sign-in lasts at most this long, however it is renewed (cookie or page tokens); at most 8 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Lifetime of one page token; embedded pages renew it before it ends.</summary>
    public TimeSpan PageTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Base64 HS256 key (32+ bytes) that signs page tokens. Unset: a key generated at start, so page tokens die
    /// with the process and are not accepted by other instances — set it when several instances serve the pages.
    /// </summary>
    public string? PageTokenKey { get; set; }

    /// <summary>The decoded <see cref="PageTokenKey"/>; null when unset or not base64.</summary>
    public byte[]? PageTokenKeyBytes() =>
        new TokenIssuerOptions { SigningKey = PageTokenKey }.SigningKeyBytes();

    internal IEnumerable<ValidationResult> Validate(bool remote)
    {
        if (remote && Authority is null)
        {
            yield return new ValidationResult($"{Section}:Authority is required in remote mode: the CRM's identity provider the pages sign in with (for Entra ID https://login.microsoftonline.com/{{tenant}}/v2.0), with {Section}:ClientId and {Section}:ClientSecret.", [nameof(Authority)]);
        }

        if (Authority is not null)
        {
            if (!(Authority.IsAbsoluteUri && (Authority.Scheme == Uri.UriSchemeHttps || (Authority.Scheme == Uri.UriSchemeHttp && TokenIssuerOptions.IsLoopback(Authority)))))
            {
                yield return new ValidationResult($"{Section}:Authority must be an absolute https URL (http only on loopback).", [nameof(Authority)]);
            }

            if (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret))
            {
                yield return new ValidationResult($"{Section}:ClientId and {Section}:ClientSecret are required with {Section}:Authority (the application registered at the identity provider).", [nameof(ClientId), nameof(ClientSecret)]);
            }
        }

        if (!CallbackPath.StartsWith('/') || CallbackPath.Length < 2 || CallbackPath.Contains('?', StringComparison.Ordinal))
        {
            yield return new ValidationResult($"{Section}:CallbackPath must be a path such as /signin-oidc.", [nameof(CallbackPath)]);
        }

        if (SessionLifetime <= TimeSpan.Zero || SessionLifetime > TimeSpan.FromHours(8))
        {
            yield return new ValidationResult($"{Section}:SessionLifetime must be positive and at most 8 hours (is {SessionLifetime}).", [nameof(SessionLifetime)]);
        }

        if (SessionIdleTimeout < TimeSpan.FromMinutes(1) || SessionIdleTimeout > SessionLifetime)
        {
            yield return new ValidationResult($"{Section}:SessionIdleTimeout must be at least a minute and no longer than SessionLifetime (is {SessionIdleTimeout}).", [nameof(SessionIdleTimeout)]);
        }

        if (PageTokenLifetime < TimeSpan.FromMinutes(1) || PageTokenLifetime > TimeSpan.FromMinutes(60))
        {
            yield return new ValidationResult($"{Section}:PageTokenLifetime must be between 1 and 60 minutes (is {PageTokenLifetime}).", [nameof(PageTokenLifetime)]);
        }

        if (!string.IsNullOrEmpty(PageTokenKey) && PageTokenKeyBytes() is not { Length: >= 32 })
        {
            yield return new ValidationResult($"{Section}:PageTokenKey must be base64 of at least 32 bytes (HS256 needs a 256-bit key).", [nameof(PageTokenKey)]);
        }
    }
}
