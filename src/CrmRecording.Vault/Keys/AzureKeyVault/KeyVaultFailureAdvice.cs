namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>Turns a failed Key Vault call into a message an operator can act on.</summary>
internal static class KeyVaultFailureAdvice
{
    /// <summary>The Key Vault permission each call needs (access-policy names; the RBAC data actions follow them).</summary>
    public const string Get = "get";
    public const string WrapKey = "wrapKey";
    public const string UnwrapKey = "unwrapKey";

    public static string Describe(string operation, string keyId, string algorithm, bool managedHsm, KeyVaultFailure failure)
    {
        var what = $"Key Vault {operation} with key {keyId} failed. {failure.Message}";
        var requestId = failure.RequestId is { } id ? $" (x-ms-request-id {id})" : "";
        return $"{what} {Remedy(operation, keyId, algorithm, managedHsm, failure)}{requestId}";
    }

    private static string Remedy(string operation, string keyId, string algorithm, bool managedHsm, KeyVaultFailure failure) =>
        failure.Status switch
        {
            null when failure.Transport is not null =>
                "Check DNS, the network path (private endpoint, proxy) and the vault's firewall, then retry.",
            null =>
                "Check that the managed identity is enabled and assigned to this host (or, outside Azure, that DefaultAzureCredential finds a signed-in account).",
            >= 200 and < 300 =>
                "Check that VaultUri points at a Key Vault or Managed HSM and that it supports ApiVersion.",
            400 when operation == UnwrapKey =>
                "The wrapped key cannot be unwrapped: its bytes were altered, or it was wrapped with another key or algorithm.",
            400 =>
                $"Check that Algorithm {algorithm} suits the key type (RSA keys: RSA-OAEP-256 or RSA-OAEP; Managed HSM oct keys: A256KW) and that the key permits {operation}.",
            401 =>
                "The access token was refused: check that the identity belongs to the vault's tenant and that its token is for the Key Vault audience.",
            403 when failure.InnerCode == "ForbiddenByFirewall" =>
                "The vault's firewall refused this client: allow its network or reach the vault through a private endpoint.",
            403 when managedHsm =>
                $"Grant the identity the \"Managed HSM Crypto User\" role (Managed HSM local RBAC) on the HSM or on the key; this call needed {operation}.",
            403 =>
                $"Grant the identity the \"Key Vault Crypto User\" role on the vault or on the key (Azure RBAC), or an access policy with the get, wrapKey and unwrapKey key permissions; this call needed {operation}.",
            404 =>
                $"Check KeyName and KeyVersion: {KeyName(keyId)} is not in this vault. A deleted key can be recovered while it is soft-deleted; until then the data keys wrapped with it cannot be unwrapped.",
            429 =>
                "Key Vault is throttling this caller: lower the request rate (unwrap a recording's data key once per playback, not per chunk) or spread keys over more vaults.",
            >= 500 =>
                "Key Vault is failing or unavailable: retry later, and check Azure status for the vault's region.",
            _ =>
                "Key Vault refused the call.",
        };

    private static string KeyName(string keyId) =>
        Uri.TryCreate(keyId, UriKind.Absolute, out var uri) && uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["keys", var name, ..]
            ? $"key '{name}'"
            : $"key '{keyId}'";
}
