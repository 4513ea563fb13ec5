using CrmRecording.Vault.Blobs;

namespace CrmRecording.Vault.Tests.Blobs;

public sealed class LocalBlobStoreDirectWriteTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LocalBlobStore _direct;

    public LocalBlobStoreDirectWriteTests()
    {
        _direct = new LocalBlobStore(_dir.Combine("direct"), DateTimeOffset.UnixEpoch) { DirectWrites = true };
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData((1024 * 1024) + 1)]
    [InlineData((2 * 1024 * 1024) + 5000)]
    public async Task Commit_DirectWritesInUnevenPieces_StoreExactlyTheBytesAppended(int length)
    {
        var content = new byte[length];
        new Random(length).NextBytes(content);
        await using (var upload = await _direct.BeginUploadAsync("blob"))
        {
            // Pieces of a prime length, so no write starts or ends on a block boundary.
            for (var offset = 0; offset < length; offset += 65_537)
            {
                await upload.WriteAsync(content.AsMemory(offset, Math.Min(65_537, length - offset)));
            }

            await upload.CommitAsync();
        }

        Assert.Equal(content, await File.ReadAllBytesAsync(_dir.Combine("direct/blob")));
        Assert.Equal(length, await _direct.GetLengthAsync("blob"));
    }

    [Fact]
    public async Task Dispose_DirectUploadNeverCommitted_LeavesNothing()
    {
        await using (var upload = await _direct.BeginUploadAsync("blob"))
        {
            await upload.WriteAsync(new byte[(3 * 1024 * 1024) + 17]);
        }

        Assert.Empty(Directory.GetFiles(_dir.Combine("direct")));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => _direct.GetLengthAsync("blob"));
    }
}
