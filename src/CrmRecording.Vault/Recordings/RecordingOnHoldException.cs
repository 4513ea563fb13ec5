namespace CrmRecording.Vault.Recordings;

/// <summary>A recording under legal hold cannot be deleted by any path until the hold is released.</summary>
public sealed class RecordingOnHoldException(RecordingId id, string reason)
    : Exception($"Recording {id} is under legal hold ({reason}); release the hold before deleting it.")
{
    public RecordingId Id { get; } = id;
}
