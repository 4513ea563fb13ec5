using System.Security.Cryptography;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;

namespace CrmRecording.Vault.Recordings;

/// <summary>Deletion (crypto-shredding), legal hold, erasure requests, retention sweeps and key re-wrapping.</summary>
public sealed partial class RecordingVault
{
    /// <summary>
    /// Destroys the wrapped data key (committed first, with the audit event), then deletes the blob. Once the
    /// key is gone every copy of the ciphertext, in backups too, is unreadable.
    /// </summary>
    /// <exception cref="RecordingOnHoldException">The recording is under legal hold.</exception>
    public async Task DeleteAsync(RecordingId id, string actor, string reason, CancellationToken cancellationToken = default)
    {
        var record = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        await ShredAsync(record, actor, "delete", reason, cancellationToken).ConfigureAwait(false);
    }

    public async Task PlaceHoldAsync(RecordingId id, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A legal hold needs a reason (the matter or request it serves).", nameof(reason));
        }

        var record = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        var held = record with { HoldReason = reason, HeldAt = time.GetUtcNow() };
        await metadata.UpdateRecordingAsync(held, Audit("hold-placed", actor, id, reason), cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseHoldAsync(RecordingId id, string actor, CancellationToken cancellationToken = default)
    {
        var record = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (!record.OnHold)
        {
            throw new InvalidOperationException($"Recording {id} is not on hold.");
        }

        var released = record with { HoldReason = null, HeldAt = null };
        await metadata.UpdateRecordingAsync(released, Audit("hold-released", actor, id, $"was: {record.HoldReason}"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A data-subject erasure request: deletes every recording of the contact that is not on hold, and says what was kept and why.</summary>
    public async Task<LifecycleReport> EraseContactAsync(string contactId, string actor, CancellationToken cancellationToken = default)
    {
        var report = new LifecycleReport();
        foreach (var record in await metadata.ListRecordingsAsync(new RecordingQuery(ContactId: contactId), cancellationToken).ConfigureAwait(false))
        {
            await DeleteOrKeepAsync(record, actor, "erase", $"erasure request for contact {contactId}", dryRun: false, report, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>Deletes every recording whose retention ended by <paramref name="asOf"/> and that is not on hold.</summary>
    public async Task<LifecycleReport> SweepAsync(DateTimeOffset asOf, bool dryRun, string actor, CancellationToken cancellationToken = default)
    {
        var report = new LifecycleReport();
        foreach (var record in await metadata.ListRecordingsAsync(new RecordingQuery(ExpiredAsOf: asOf), cancellationToken).ConfigureAwait(false))
        {
            await DeleteOrKeepAsync(record, actor, "retention-delete", $"retention class {record.RetentionClass} ended {record.DeleteAfter:yyyy-MM-dd}", dryRun, report, cancellationToken).ConfigureAwait(false);
        }

        if (!dryRun)
        {
            await metadata.AppendAuditAsync(Audit("retention-sweep", actor, null, $"as-of={asOf:O} deleted={report.Deleted.Count} kept={report.Kept.Count}"), cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>
    /// Re-wraps every live data key that is not under the current key-encryption key (the audio is never
    /// re-encrypted). Safe to run again after a crash: it continues with whatever is not yet re-wrapped.
    /// </summary>
    public async Task<int> RewrapAllAsync(string actor, CancellationToken cancellationToken = default)
    {
        var current = keys.CurrentKeyId;
        var count = 0;
        foreach (var record in await metadata.ListRecordingsAsync(new RecordingQuery(), cancellationToken).ConfigureAwait(false))
        {
            if (record.WrappedKey is not { } wrapped || wrapped.KeyId == current)
            {
                continue;
            }

            var dataKey = await keys.UnwrapAsync(wrapped, cancellationToken).ConfigureAwait(false);
            try
            {
                var rewrapped = await keys.WrapAsync(current, dataKey, cancellationToken).ConfigureAwait(false);
                var updated = record with { WrappedKey = rewrapped, KeyId = rewrapped.KeyId };
                await metadata.UpdateRecordingAsync(updated, Audit("key-rewrapped", actor, record.Id, $"{wrapped.KeyId} -> {rewrapped.KeyId}"), cancellationToken).ConfigureAwait(false);
                count++;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }
        }

        if (metadata is IFieldKeyStore fieldKeys)
        {
            // Field keys (phone numbers in the call store) are wrapped under the same keys: rotation must carry them too.
            foreach (var (name, wrapped) in await fieldKeys.ListFieldKeysAsync(cancellationToken).ConfigureAwait(false))
            {
                if (wrapped.KeyId == current)
                {
                    continue;
                }

                var dataKey = await keys.UnwrapAsync(wrapped, cancellationToken).ConfigureAwait(false);
                try
                {
                    var rewrapped = await keys.WrapAsync(current, dataKey, cancellationToken).ConfigureAwait(false);
                    await fieldKeys.ReplaceFieldKeyAsync(name, rewrapped, Audit("key-rewrapped", actor, null, $"field key {name}: {wrapped.KeyId} -> {rewrapped.KeyId}"), cancellationToken).ConfigureAwait(false);
                    count++;
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(dataKey);
                }
            }
        }

        return count;
    }

    private async Task DeleteOrKeepAsync(RecordingRecord record, string actor, string action, string reason, bool dryRun, LifecycleReport report, CancellationToken cancellationToken)
    {
        if (record.OnHold)
        {
            var kept = $"on legal hold since {record.HeldAt:yyyy-MM-dd}: {record.HoldReason}";
            report.Kept.Add((record, kept));
            if (action == "erase")
            {
                // An erasure request is answered with what it kept as well as what it deleted: the trail keeps both.
                await metadata.AppendAuditAsync(Audit("erase-kept", actor, record.Id, $"{reason}; {kept}"), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (!dryRun)
        {
            await ShredAsync(record, actor, action, reason, cancellationToken).ConfigureAwait(false);
        }

        report.Deleted.Add(record);
    }

    private async Task ShredAsync(RecordingRecord record, string actor, string action, string reason, CancellationToken cancellationToken)
    {
        if (record.OnHold)
        {
            throw new RecordingOnHoldException(record.Id, record.HoldReason ?? "no reason recorded");
        }

        var shredded = record with { WrappedKey = null, DeletedAt = time.GetUtcNow() };
        await metadata.UpdateRecordingAsync(shredded, Audit(action, actor, record.Id, $"{reason}; data key destroyed"), cancellationToken).ConfigureAwait(false);
        await blobs.DeleteAsync(record.BlobName, cancellationToken).ConfigureAwait(false);
    }
}
