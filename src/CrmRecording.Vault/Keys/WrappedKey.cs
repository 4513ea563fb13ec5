namespace CrmRecording.Vault.Keys;

/// <summary>A data key encrypted under the key-encryption key <paramref name="KeyId"/>.</summary>
/// <param name="KeyId">Which key-encryption key wrapped it (for Key Vault: the key's versioned id URL).</param>
/// <param name="Algorithm">The wrapping algorithm (<c>A256GCM</c> for the local key file, <c>RSA-OAEP-256</c> for Key Vault RSA keys).</param>
/// <param name="Bytes">The wrapped key.</param>
public sealed record WrappedKey(string KeyId, string Algorithm, byte[] Bytes);
