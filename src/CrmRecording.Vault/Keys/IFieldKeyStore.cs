using CrmRecording.Vault.Audit;

namespace CrmRecording.Vault.Keys;

/// <summary>
/// Named data keys for fields kept encrypted outside the recordings (customers' phone numbers in the call store),
/// stored wrapped beside the recordings' keys, so that a key rotation re-wraps them too.
/// </summary>
public interface IFieldKeyStore
{
    Task<WrappedKey?> GetFieldKeyAsync(string name, CancellationToken cancellationToken = default);

    /// <returns>False when a key of that name exists already (another instance made it first): read that one.</returns>
    Task<bool> AddFieldKeyAsync(string name, WrappedKey key, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<(string Name, WrappedKey Key)>> ListFieldKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces a key's wrapping (rotation) and appends its audit event, atomically.</summary>
    Task ReplaceFieldKeyAsync(string name, WrappedKey key, AuditEntry audit, CancellationToken cancellationToken = default);
}
