using CrmRecording.Vault.Blobs;

namespace CrmRecording.Vault.Recordings;

/// <summary>Removal of committed blobs that no live recording owns.</summary>
public sealed partial class RecordingVault
{
    /// <summary>
    /// Deletes each committed blob committed before <paramref name="committedBefore"/> that no recording's metadata
    /// names, or that a deleted recording names: what a crash between a blob's commit and its metadata row leaves (the
    /// data key died with the process, so the ciphertext can never be read), or between a shred's key destruction and
    /// its blob delete. The caller picks a time before any import still running can have committed its blob, since an
    /// import writes its metadata row right after the commit. Each removal is audited.
    /// </summary>
    /// <returns>The names removed.</returns>
    public async Task<IReadOnlyList<string>> RemoveOrphanBlobsAsync(DateTimeOffset committedBefore, string actor, CancellationToken cancellationToken = default)
    {
        var removed = new List<string>();
        var names = new List<string>();
        await foreach (var name in blobs.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(name);
        }

        foreach (var name in names)
        {
            if (!RecordingId.TryParse(name.Split('.', 2)[0], out var id))
            {
                continue; // not a recording's blob: left alone
            }

            var owner = await metadata.GetRecordingAsync(id, cancellationToken).ConfigureAwait(false);
            if (owner is { IsDeleted: false } && owner.BlobName == name)
            {
                continue;
            }

            DateTimeOffset committed;
            try
            {
                committed = await blobs.GetLastModifiedAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (BlobNotFoundException)
            {
                continue;
            }

            if (committed >= committedBefore || !await blobs.DeleteAsync(name, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var why = owner is null ? "no recording owns it (a crash between the blob's commit and its metadata)" : owner.IsDeleted ? "its recording was deleted" : $"recording {id} keeps blob {owner.BlobName}";
            await metadata.AppendAuditAsync(Audit("orphan-blob-removed", actor, owner is null ? null : id, $"blob={name} reason={why}"), cancellationToken).ConfigureAwait(false);
            removed.Add(name);
        }

        return removed;
    }
}
