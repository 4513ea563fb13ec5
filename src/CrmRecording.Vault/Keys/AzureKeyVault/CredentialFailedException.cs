using Azure.Core;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// The credential could not give a token. Credentials throw types from packages this one does not reference
/// (Azure.Identity's AuthenticationFailedException and CredentialUnavailableException, MSAL's): all mean "no
/// token", and are told apart from the vault's own answers by this wrapper of the credential.
/// </summary>
internal sealed class CredentialFailedException(string scope, Exception inner)
    : Exception($"No access token could be obtained for scope {scope}: {inner.GetType().Name}.", inner)
{
    /// <summary>Wraps <paramref name="credential"/> so its failures (but not cancellations asked for) arrive as <see cref="CredentialFailedException"/>.</summary>
    public static TokenCredential Guard(TokenCredential credential) => new Guarded(credential);

    private sealed class Guarded(TokenCredential credential) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            try
            {
                return credential.GetToken(requestContext, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new CredentialFailedException(string.Join(' ', requestContext.Scopes), ex);
            }
        }

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            try
            {
                return await credential.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new CredentialFailedException(string.Join(' ', requestContext.Scopes), ex);
            }
        }
    }
}
