namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>Every way a call to the vault can fail, as the port's <see cref="KeyUnavailableException"/>; a cancellation asked for stays one.</summary>
public sealed partial class AzureKeyVaultKeyWrapper
{
    private async Task<T> CallAsync<T>(string operation, string keyId, string algorithm, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (KeyVaultFailure.From(ex, _vault, _options) is { } failure)
        {
            throw new KeyUnavailableException(keyId, KeyVaultFailureAdvice.Describe(operation, keyId, algorithm, _managedHsm, failure), ex);
        }
    }

    // The body of a wrap or unwrap result holds key material: the message says what is wrong, never what is there.
    private KeyUnavailableException Malformed(string operation, string keyId, string call, string problem) =>
        new(keyId, KeyVaultFailureAdvice.Describe(operation, keyId, _algorithm, _managedHsm, new KeyVaultFailure($"Key Vault answered {call} with 200, but {problem}.", Status: 200)));
}
