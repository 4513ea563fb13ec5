namespace CrmRecording.Emulators.OpenId;

/// <summary>
/// A registered relying party: a confidential client that authenticates at the token endpoint with its secret
/// (<c>client_secret_basic</c> or <c>client_secret_post</c>) and may be redirected only to the exact URIs listed.
/// </summary>
public sealed record OpenIdClient(string ClientId, string ClientSecret, IReadOnlyCollection<Uri> RedirectUris)
{
    /// <summary>Exact string comparison of the absolute URI, as OpenID Connect Core 3.1.2.1 requires.</summary>
    public bool Allows(string redirectUri) => RedirectUris.Any(u => string.Equals(u.AbsoluteUri, redirectUri, StringComparison.Ordinal));
}
