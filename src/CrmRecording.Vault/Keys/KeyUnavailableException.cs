namespace CrmRecording.Vault.Keys;

/// <summary>A data key could not be unwrapped: its key-encryption key is missing or the wrapped bytes are not authentic.</summary>
public sealed class KeyUnavailableException(string keyId, string message, Exception? inner = null) : Exception(message, inner)
{
    public string KeyId { get; } = keyId;
}
