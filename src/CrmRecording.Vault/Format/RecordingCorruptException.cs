namespace CrmRecording.Vault.Format;

/// <summary>A recording failed authentication or is malformed: altered, truncated, extended, reordered or under the wrong key.</summary>
public sealed class RecordingCorruptException(string message, long? chunk) : Exception(message)
{
    /// <summary>The first chunk that failed, when a chunk did.</summary>
    public long? Chunk { get; } = chunk;
}
