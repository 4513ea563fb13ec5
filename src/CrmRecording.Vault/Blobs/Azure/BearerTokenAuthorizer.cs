using System.Net.Http.Headers;
using Azure.Core;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// Microsoft Entra authorization: <c>Authorization: Bearer {token}</c> for the scope
/// <c>https://storage.azure.com/.default</c>. The token is kept until it is due for refresh.
/// </summary>
internal sealed class BearerTokenAuthorizer(TokenCredential credential, TimeProvider time) : BlobRequestAuthorizer
{
    public const string Scope = "https://storage.azure.com/.default";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    // Replaced whole, so concurrent requests see either the old token or the new one; two requests may
    // both refresh at expiry, which only costs one extra call to the credential (which caches too).
    private volatile CachedToken? _cached;

    public override async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is null || time.GetUtcNow() >= cached.RefreshAt)
        {
            AccessToken token;
            try
            {
                token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Credentials throw their own types (Azure.Identity's AuthenticationFailedException,
                // CredentialUnavailableException...) which this project does not reference; callers of the
                // store expect a BlobStoreException, with the credential's exception kept as the inner one.
                throw new BlobStoreException(
                    $"Could not obtain a Microsoft Entra token for {Scope} ({ex.GetType().Name}). Check the credential's configuration (tenant, client id, managed identity) and that it can reach Microsoft Entra ID.",
                    inner: ex);
            }

            cached = new CachedToken(token.Token, token.RefreshOn ?? token.ExpiresOn - RefreshMargin);
            _cached = cached;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cached.Value);
    }

    private sealed class CachedToken(string value, DateTimeOffset refreshAt)
    {
        public string Value { get; } = value;

        public DateTimeOffset RefreshAt { get; } = refreshAt;
    }
}
