namespace CrmRecording.Vault.Blobs;

/// <summary>
/// A blob being written. Writes are appended in order; <see cref="CommitAsync"/> makes the whole blob
/// visible at once. Disposing without committing abandons it and leaves nothing visible.
/// </summary>
public interface IBlobUpload : IAsyncDisposable
{
    /// <summary>Appends bytes. The store may keep a reference to <paramref name="data"/> until this task completes, not after.</summary>
    Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Makes the blob visible under its name, replacing nothing: committing over an existing blob fails.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
