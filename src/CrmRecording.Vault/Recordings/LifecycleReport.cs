using CrmRecording.Vault.Metadata;

namespace CrmRecording.Vault.Recordings;

/// <summary>What a sweep or erasure deleted (or would delete), and what it kept and why.</summary>
public sealed class LifecycleReport
{
    public List<RecordingRecord> Deleted { get; } = [];

    public List<(RecordingRecord Recording, string Reason)> Kept { get; } = [];
}
