using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Vault.Metadata;

/// <summary>
/// The vault's metadata: recordings, consent log entries, the audit trail and the outbox. Every change
/// to a recording is written in one transaction with its audit event, so the trail never misses one.
/// </summary>
public interface IMetadataStore : IAsyncDisposable
{
    /// <summary>Applies any schema migrations not yet applied (versioned, in order, each in a transaction).</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default);

    Task AddRecordingAsync(RecordingRecord recording, AuditEntry audit, CancellationToken cancellationToken = default);

    Task<RecordingRecord?> GetRecordingAsync(RecordingId id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RecordingRecord>> ListRecordingsAsync(RecordingQuery query, CancellationToken cancellationToken = default);

    /// <summary>Replaces a recording's row (hold, deletion, re-wrapped key) and appends its audit event, atomically.</summary>
    Task UpdateRecordingAsync(RecordingRecord recording, AuditEntry audit, CancellationToken cancellationToken = default);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(CancellationToken cancellationToken = default);
}
