namespace CrmRecording.Vault.Blobs;

/// <summary>No committed blob has the name asked for.</summary>
public sealed class BlobNotFoundException(string name) : Exception($"No recording blob named '{name}' is in the store.")
{
    public string BlobName { get; } = name;
}
