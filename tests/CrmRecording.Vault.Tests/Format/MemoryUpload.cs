using CrmRecording.Vault.Blobs;

namespace CrmRecording.Vault.Tests.Format;

/// <summary>An upload kept in memory, copying each write as it comes, that can fail on a chosen write.</summary>
internal sealed class MemoryUpload : IBlobUpload
{
    public const string FailureMessage = "the store went away";

    public MemoryStream Bytes { get; } = new();

    /// <summary>Counts writes, the header's included.</summary>
    public int Writes { get; private set; }

    /// <summary>The write (1 = the header's) that fails.</summary>
    public int FailOnWrite { get; init; } = int.MaxValue;

    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (++Writes == FailOnWrite)
        {
            throw new IOException(FailureMessage);
        }

        Bytes.Write(data.Span);
        return Task.CompletedTask;
    }

    public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
