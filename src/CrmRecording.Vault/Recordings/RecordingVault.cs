using System.Security.Cryptography;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Format;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Telemetry;

namespace CrmRecording.Vault.Recordings;

/// <summary>
/// Stores, reads, verifies and deletes encrypted recordings. Order of work on import: encrypt into the
/// blob store, commit the blob, then write metadata and audit in one transaction — so a failure at any
/// step leaves no metadata pointing at a missing or partial blob. Data keys unwrapped for reading are kept in memory
/// for <see cref="DataKeyCache.DefaultLifetime"/> (a seeking player reads a new range every few seconds); disposing the
/// vault zeroes them.
/// </summary>
public sealed partial class RecordingVault(IBlobStore blobs, IMetadataStore metadata, IKeyWrapper keys, RetentionClasses retention, TimeProvider time) : IDisposable
{
    public const int DefaultChunkSize = 64 * 1024;

    private readonly DataKeyCache _readKeys = new(DataKeyCache.DefaultLifetime);

    public int ChunkSize { get; init; } = DefaultChunkSize;

    public async Task<RecordingRecord> ImportAsync(Stream plaintext, ImportRequest request, CancellationToken cancellationToken = default)
    {
        var createdAt = time.GetUtcNow();
        var retentionClass = request.RetentionClass ?? retention.DefaultClass;
        var deleteAfter = retention.DeleteAfter(retentionClass, createdAt);
        var id = request.Id ?? RecordingId.New();
        using var activity = VaultActivities.Start(VaultActivities.Ingest, id.Value);
        // A chosen id may be imported twice at once (a retried job whose first run is still going): each attempt
        // writes its own blob, only one metadata row can win, and the loser removes only its own blob.
        var blobName = request.Id is null ? id.Value : $"{id.Value}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var dataKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var wrapped = await keys.WrapAsync(dataKey, cancellationToken).ConfigureAwait(false);
            var header = new RecordingHeader(id, ChunkSize, RandomNumberGenerator.GetBytes(RecordingHeader.NoncePrefixSize), wrapped.KeyId, RecordingHeader.Commit(dataKey, id));
            WrittenRecording written;
            await using (var upload = await blobs.BeginUploadAsync(blobName, cancellationToken).ConfigureAwait(false))
            {
                written = await RecordingWriter.WriteAsync(plaintext, upload, header, dataKey, cancellationToken).ConfigureAwait(false);
                await upload.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            activity?.SetTag(VaultActivities.BytesTag, written.PlaintextBytes);

            var record = new RecordingRecord
            {
                Id = id,
                BlobName = blobName,
                ContactId = request.ContactId,
                CallId = request.CallId,
                ConsentLogRef = request.ConsentLogRef,
                PlaintextBytes = written.PlaintextBytes,
                StoredBytes = written.StoredBytes,
                Sha256 = Convert.ToHexStringLower(written.Sha256),
                ChunkSize = ChunkSize,
                KeyId = wrapped.KeyId,
                WrappedKey = wrapped,
                CreatedAt = createdAt,
                RetentionClass = retentionClass,
                DeleteAfter = deleteAfter,
            };
            try
            {
                await metadata.AddRecordingAsync(record, Audit(request.Action, request.Actor, id, $"bytes={written.PlaintextBytes} retention={retentionClass}"), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // The blob is unreadable without its key, which only the failed metadata row would have held; remove it anyway.
                await blobs.DeleteAsync(blobName, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            return record;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Writes plaintext bytes <paramref name="start"/>..<paramref name="endInclusive"/> (the whole recording when null) to <paramref name="destination"/>.</summary>
    /// <param name="detail">Appended to the audited range (who else, why, with what outcome).</param>
    /// <remarks>
    /// The read is audited before its first byte is written: the event is durably committed (group-committed with
    /// other readers' events) once the recording is found and its key unwrapped, and only then is anything decrypted.
    /// </remarks>
    /// <exception cref="RecordingNotFoundException">No such recording, or it was deleted.</exception>
    /// <exception cref="AuditUnavailableException">The event could not be committed; nothing was written.</exception>
    /// <exception cref="RecordingCorruptException">A chunk failed authentication; output stops before its bytes.</exception>
    public Task ExportAsync(RecordingId id, long? start, long? endInclusive, Stream destination, string actor, string action = "export", string? detail = null, CancellationToken cancellationToken = default) =>
        ExportAsync(id, start, endInclusive, destination, actor, action, detail, metadata.AppendAuditAsync, cancellationToken);

    /// <summary>As the other overload, with the read's event handed to <paramref name="commitAudit"/> instead of appended each time.</summary>
    /// <param name="commitAudit">
    /// Returns once the event, or one it stands for (the start of the same listen), is durably committed; nothing is
    /// decrypted before it returns, and if it throws nothing is written (<see cref="AuditUnavailableException"/>).
    /// </param>
    public async Task ExportAsync(RecordingId id, long? start, long? endInclusive, Stream destination, string actor, string action, string? detail, Func<AuditEntry, CancellationToken, Task> commitAudit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commitAudit);
        using var activity = VaultActivities.Start(start is null && endInclusive is null ? VaultActivities.Export : VaultActivities.ReadRange, id.Value);
        var (record, reader) = await OpenAsync(id, cancellationToken).ConfigureAwait(false);
        using (reader)
        {
            var from = start ?? 0;
            var to = endInclusive ?? (record.PlaintextBytes - 1);
            activity?.SetTag(VaultActivities.BytesTag, to - from + 1);
            await AuditReadAsync(commitAudit, Audit(action, actor, id, detail is null ? $"bytes={from}-{to}" : $"bytes={from}-{to} {detail}"), activity, cancellationToken).ConfigureAwait(false);
            if (record.PlaintextBytes > 0 || start is not null)
            {
                try
                {
                    await reader.ReadRangeAsync(from, to, (m, ct) => destination.WriteAsync(m, ct), cancellationToken).ConfigureAwait(false);
                }
                catch (RecordingCorruptException ex)
                {
                    activity.Fail(ex);
                    await RecordDamageAsync(record, actor, ex, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }
        }
    }

    /// <summary>Decrypts the whole recording and checks it against its stored length and SHA-256.</summary>
    public async Task<VerifyResult> VerifyAsync(RecordingId id, CancellationToken cancellationToken = default)
    {
        try
        {
            var (record, reader) = await OpenAsync(id, cancellationToken).ConfigureAwait(false);
            using (reader)
            {
                var hash = Convert.ToHexStringLower(await reader.VerifyAsync(cancellationToken).ConfigureAwait(false));
                if (reader.Length != record.PlaintextBytes || hash != record.Sha256)
                {
                    var problem = $"the content decrypts but does not match its metadata (length {reader.Length} vs {record.PlaintextBytes}, or SHA-256).";
                    await RecordDamageAsync(record, "verify", new RecordingCorruptException(problem, null), cancellationToken).ConfigureAwait(false);
                    return new VerifyResult(id, false, problem, null);
                }

                return new VerifyResult(id, true, null, null);
            }
        }
        catch (RecordingCorruptException ex)
        {
            if (await metadata.GetRecordingAsync(id, cancellationToken).ConfigureAwait(false) is { IsDeleted: false } record)
            {
                await RecordDamageAsync(record, "verify", ex, cancellationToken).ConfigureAwait(false);
            }

            return new VerifyResult(id, false, ex.Message, ex.Chunk);
        }
        catch (Exception ex) when (ex is KeyUnavailableException or BlobNotFoundException)
        {
            return new VerifyResult(id, false, ex.Message, null);
        }
    }

    /// <summary>Plaintext length of a recording, for range requests.</summary>
    public async Task<RecordingRecord> GetAsync(RecordingId id, CancellationToken cancellationToken = default) =>
        await metadata.GetRecordingAsync(id, cancellationToken).ConfigureAwait(false) is { IsDeleted: false } r
            ? r
            : throw new RecordingNotFoundException(id);

    /// <summary>Commits a read's audit event; whatever keeps it out of the trail keeps the bytes in the vault.</summary>
    private static async Task AuditReadAsync(Func<AuditEntry, CancellationToken, Task> commit, AuditEntry entry, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            await commit(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any failure (a busy, restarting or full database, a broken connection) means the listen is not on record.
            activity.Fail(ex);
            throw new AuditUnavailableException(ex);
        }
    }

    private async Task<(RecordingRecord Record, RecordingReader Reader)> OpenAsync(RecordingId id, CancellationToken cancellationToken)
    {
        var record = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        byte[] dataKey;
        using (var unwrap = VaultActivities.Start(VaultActivities.KeyUnwrap, id.Value))
        {
            unwrap?.SetTag(VaultActivities.KeyIdTag, record.KeyId);
            dataKey = await _readKeys.UnwrapAsync(keys, record.WrappedKey ?? throw new RecordingNotFoundException(id), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return (record, await RecordingReader.OpenAsync(blobs, record.BlobName, dataKey, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Keeps what was found wrong on the recording's row (once; audited as <c>damage-found</c>), so a later full read
    /// can be refused before its first byte instead of failing part-way through.
    /// </summary>
    private async Task RecordDamageAsync(RecordingRecord record, string actor, RecordingCorruptException damage, CancellationToken cancellationToken)
    {
        if (record.Damage is not null)
        {
            return;
        }

        var text = damage.Chunk is { } chunk
            ? $"chunk {chunk} (bytes from {chunk * record.ChunkSize}) failed authentication"
            : damage.Message;
        await metadata.UpdateRecordingAsync(record with { Damage = text }, Audit("damage-found", actor, record.Id, text), cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _readKeys.Dispose();

    internal AuditEntry Audit(string action, string actor, RecordingId? id, string? detail) =>
        new(time.GetUtcNow(), action, actor, id?.Value, detail);
}
