namespace CrmRecording.Vault.Recordings;

/// <summary>No recording has that id, or it has been deleted.</summary>
public sealed class RecordingNotFoundException(RecordingId id) : Exception($"No recording {id} is in the vault (it may have been deleted).")
{
    public RecordingId Id { get; } = id;
}
