using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Vault.Metadata;

/// <summary>What the vault knows about one recording. The wrapped data key lives here and only here.</summary>
public sealed record RecordingRecord
{
    public required RecordingId Id { get; init; }

    public required string BlobName { get; init; }

    public string? ContactId { get; init; }

    public string? CallId { get; init; }

    public string? ConsentLogRef { get; init; }

    public required long PlaintextBytes { get; init; }

    public required long StoredBytes { get; init; }

    /// <summary>SHA-256 of the plaintext, lowercase hex.</summary>
    public required string Sha256 { get; init; }

    public required int ChunkSize { get; init; }

    /// <summary>The wrapped data key; null once the recording is deleted (crypto-shredded).</summary>
    public WrappedKey? WrappedKey { get; init; }

    /// <summary>The key-encryption key that wraps (or wrapped) the data key.</summary>
    public required string KeyId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string RetentionClass { get; init; }

    /// <summary>When retention ends; null for a class that keeps recordings until deleted by hand.</summary>
    public DateTimeOffset? DeleteAfter { get; init; }

    public string? HoldReason { get; init; }

    public DateTimeOffset? HeldAt { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>What a verification or a read found wrong with the stored audio (e.g. its first bad chunk); null while none is known.</summary>
    public string? Damage { get; init; }

    public bool OnHold => HeldAt is not null;

    public bool IsDeleted => DeletedAt is not null;
}
