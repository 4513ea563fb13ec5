namespace CrmRecording.Vault.Blobs;

/// <summary>
/// Where encrypted recordings are kept: a flat namespace of immutable blobs. A blob becomes visible
/// only when its upload commits, so a crash never leaves a partial recording behind.
/// </summary>
public interface IBlobStore
{
    /// <summary>Starts writing a new blob. Nothing is visible under <paramref name="name"/> until <see cref="IBlobUpload.CommitAsync"/>.</summary>
    Task<IBlobUpload> BeginUploadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The blob's size in bytes.</summary>
    /// <exception cref="BlobNotFoundException">No committed blob has that name.</exception>
    Task<long> GetLengthAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes from <paramref name="offset"/>; returns how many were read (fewer only at the end).</summary>
    /// <exception cref="BlobNotFoundException">No committed blob has that name.</exception>
    Task<int> ReadAsync(string name, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>When the blob was committed (last written).</summary>
    /// <exception cref="BlobNotFoundException">No committed blob has that name.</exception>
    Task<DateTimeOffset> GetLastModifiedAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The names of every committed blob.</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken = default);
}
