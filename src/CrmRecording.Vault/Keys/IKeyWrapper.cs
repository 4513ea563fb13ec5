namespace CrmRecording.Vault.Keys;

/// <summary>
/// Wraps and unwraps per-recording data keys with a key-encryption key that never leaves its home
/// (a local key file, or a cloud key service). Data keys are only ever stored wrapped.
/// </summary>
public interface IKeyWrapper
{
    /// <summary>The key-encryption key new data keys are wrapped with.</summary>
    string CurrentKeyId { get; }

    /// <summary>Wraps a 32-byte data key with the current key-encryption key.</summary>
    Task<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken = default);

    /// <summary>Wraps with a named key-encryption key (rotation re-wraps onto a new key).</summary>
    Task<WrappedKey> WrapAsync(string keyId, ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken = default);

    /// <summary>Recovers the data key.</summary>
    /// <exception cref="KeyUnavailableException">The key-encryption key is unknown, retired and destroyed, or the wrapped bytes were altered.</exception>
    Task<byte[]> UnwrapAsync(WrappedKey wrapped, CancellationToken cancellationToken = default);
}
