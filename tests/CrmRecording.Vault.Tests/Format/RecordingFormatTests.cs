using System.Security.Cryptography;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Format;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Vault.Tests.Format;

public sealed class RecordingFormatTests : IDisposable
{
    private const int ChunkSize = 1024;

    /// <summary>How many 1 KiB chunks the writer moves at once (1 MiB), so lengths around it cross batch boundaries.</summary>
    private const int ChunksPerBatch = 1024;
    private readonly TempDirectory _dir = new();
    private readonly LocalBlobStore _store;

    public RecordingFormatTests()
    {
        _store = new LocalBlobStore(_dir.Path, DateTimeOffset.UnixEpoch);
    }

    public void Dispose() => _dir.Dispose();

    private sealed record Stored(RecordingId Id, byte[] Plain, byte[] Key, WrittenRecording Written);

    private async Task<Stored> StoreAsync(int length, int? seed = null)
    {
        var plain = new byte[length];
        new Random(seed ?? length).NextBytes(plain);
        var key = RandomNumberGenerator.GetBytes(32);
        var id = RecordingId.New();
        var header = new RecordingHeader(id, ChunkSize, RandomNumberGenerator.GetBytes(RecordingHeader.NoncePrefixSize), "kek-test", RecordingHeader.Commit(key, id));
        await using var upload = await _store.BeginUploadAsync(id.Value);
        var written = await RecordingWriter.WriteAsync(new MemoryStream(plain), upload, header, key, default);
        await upload.CommitAsync();
        return new Stored(id, plain, key, written);
    }

    private async Task<byte[]> ReadAsync(Stored s, long start, long end, byte[]? key = null)
    {
        using var reader = await RecordingReader.OpenAsync(_store, s.Id.Value, key ?? s.Key, default);
        var output = new MemoryStream();
        await reader.ReadRangeAsync(start, end, (m, ct) => output.WriteAsync(m, ct), default);
        return output.ToArray();
    }

    private async Task<long?> VerifyAsync(Stored s)
    {
        try
        {
            using var reader = await RecordingReader.OpenAsync(_store, s.Id.Value, s.Key, default);
            Assert.Equal(SHA256.HashData(s.Plain), await reader.VerifyAsync(default));
            return null;
        }
        catch (RecordingCorruptException ex)
        {
            return ex.Chunk ?? -1;
        }
    }

    private string PathOf(Stored s) => _dir.Combine(s.Id.Value);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ChunkSize - 1)]
    [InlineData(ChunkSize)]
    [InlineData(ChunkSize + 1)]
    [InlineData(5 * ChunkSize)]
    [InlineData(10_000)]
    [InlineData(ChunksPerBatch * ChunkSize - 1)]
    [InlineData(ChunksPerBatch * ChunkSize)]
    [InlineData(ChunksPerBatch * ChunkSize + 1)]
    [InlineData(3 * ChunksPerBatch * ChunkSize + 10)]
    public async Task Write_ThenVerify_RoundTripsAnyLength(int length)
    {
        var s = await StoreAsync(length);
        Assert.Equal(length, s.Written.PlaintextBytes);
        Assert.Equal(Math.Max(1, (length + ChunkSize - 1) / ChunkSize), s.Written.Chunks);
        Assert.Null(await VerifyAsync(s));
        using var reader = await RecordingReader.OpenAsync(_store, s.Id.Value, s.Key, default);
        Assert.Equal(length, reader.Length);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 9_999)]
    [InlineData(1023, 1024)]
    [InlineData(5000, 5100)]
    [InlineData(9_990, 9_999)]
    [InlineData(2048, 3071)]
    public async Task ReadRange_AnyRange_GivesExactlyThosePlaintextBytes(long start, long end)
    {
        var s = await StoreAsync(10_000);
        Assert.Equal(s.Plain[(int)start..(int)(end + 1)], await ReadAsync(s, start, end));
    }

    [Fact]
    public async Task ReadRange_OutsideTheRecording_IsRefused()
    {
        var s = await StoreAsync(100);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReadAsync(s, 50, 100));
    }

    [Fact]
    public async Task Write_SourceAnsweringInSmallPieces_StoresTheSameRecordingAsOneReadAtATime()
    {
        var plain = new byte[(2 * ChunksPerBatch * ChunkSize) + 300];
        new Random(7).NextBytes(plain);
        var key = RandomNumberGenerator.GetBytes(32);
        var id = RecordingId.New();
        var header = new RecordingHeader(id, ChunkSize, RandomNumberGenerator.GetBytes(RecordingHeader.NoncePrefixSize), "kek-test", RecordingHeader.Commit(key, id));
        var whole = new MemoryUpload();
        var pieces = new MemoryUpload();
        await RecordingWriter.WriteAsync(new MemoryStream(plain), whole, header, key, default);
        var written = await RecordingWriter.WriteAsync(new TrickleStream(plain, 777), pieces, header, key, default);
        Assert.Equal(SHA256.HashData(plain), written.Sha256);
        Assert.Equal(whole.Bytes.ToArray(), pieces.Bytes.ToArray());
        Assert.Equal(written.StoredBytes, pieces.Bytes.Length);
    }

    [Fact]
    public async Task Write_SourceFailsPartWay_ThrowsItsErrorAndWritesNothingAfterIt()
    {
        var plain = new byte[3 * ChunksPerBatch * ChunkSize];
        var upload = new MemoryUpload();
        var source = new TrickleStream(plain, 64 * 1024) { FailAfter = ChunksPerBatch * ChunkSize * 3 / 2 };
        var ex = await Assert.ThrowsAsync<IOException>(() => WriteAsync(source, upload));
        Assert.Equal(TrickleStream.FailureMessage, ex.Message);
        Assert.True(upload.Bytes.Length < source.FailAfter, "no chunk read after the failure can have been sealed");
    }

    [Fact]
    public async Task Write_UploadFailsPartWay_ThrowsItsErrorOnceEveryStageHasStopped()
    {
        var plain = new byte[8 * ChunksPerBatch * ChunkSize];
        var upload = new MemoryUpload { FailOnWrite = 3 };
        var ex = await Assert.ThrowsAsync<IOException>(() => WriteAsync(new MemoryStream(plain), upload));
        Assert.Equal(MemoryUpload.FailureMessage, ex.Message);
        Assert.Equal(3, upload.Writes);
    }

    private static Task<WrittenRecording> WriteAsync(Stream source, IBlobUpload upload)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var id = RecordingId.New();
        var header = new RecordingHeader(id, ChunkSize, RandomNumberGenerator.GetBytes(RecordingHeader.NoncePrefixSize), "kek-test", RecordingHeader.Commit(key, id));
        return RecordingWriter.WriteAsync(source, upload, header, key, default);
    }

    [Fact]
    public async Task Stored_NeverContainsThePlaintext()
    {
        var plain = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("my card number is 4111 1111 1111 1111. ", 200)));
        var key = RandomNumberGenerator.GetBytes(32);
        var id = RecordingId.New();
        var header = new RecordingHeader(id, ChunkSize, RandomNumberGenerator.GetBytes(7), "kek-test", RecordingHeader.Commit(key, id));
        await using (var upload = await _store.BeginUploadAsync(id.Value))
        {
            await RecordingWriter.WriteAsync(new MemoryStream(plain), upload, header, key, default);
            await upload.CommitAsync();
        }

        var stored = await File.ReadAllBytesAsync(_dir.Combine(id.Value));
        Assert.Equal(-1, stored.AsSpan().IndexOf("4111"u8));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1200)]
    [InlineData(3000)]
    [InlineData(4100)]
    public async Task Verify_BitFlipAnywhereInTheChunks_NamesTheChunk(int offsetIntoPayload)
    {
        var s = await StoreAsync(4 * ChunkSize);
        var bytes = await File.ReadAllBytesAsync(PathOf(s));
        var headerLength = bytes.Length - (4 * (ChunkSize + 16));
        bytes[headerLength + offsetIntoPayload] ^= 0x01;
        await File.WriteAllBytesAsync(PathOf(s), bytes);
        Assert.Equal(offsetIntoPayload / (ChunkSize + 16), await VerifyAsync(s));
    }

    [Fact]
    public async Task Open_BitFlipInTheHeader_IsDetected()
    {
        var s = await StoreAsync(3000);
        var bytes = await File.ReadAllBytesAsync(PathOf(s));
        bytes[34] ^= 0x80; // inside the nonce prefix
        await File.WriteAllBytesAsync(PathOf(s), bytes);
        Assert.NotNull(await VerifyAsync(s));
    }

    [Theory]
    [InlineData(ChunkSize + 16)]
    [InlineData(2 * (ChunkSize + 16))]
    [InlineData(10)]
    [InlineData(500)]
    public async Task Verify_TruncatedBlob_IsDetected(int cut)
    {
        var s = await StoreAsync(3 * ChunkSize + 100);
        var bytes = await File.ReadAllBytesAsync(PathOf(s));
        await File.WriteAllBytesAsync(PathOf(s), bytes[..^cut]);
        Assert.NotNull(await VerifyAsync(s));
    }

    [Fact]
    public async Task Verify_ExtendedBlob_IsDetected()
    {
        var s = await StoreAsync(2 * ChunkSize);
        var bytes = await File.ReadAllBytesAsync(PathOf(s));
        var lastChunk = bytes[^(ChunkSize + 16)..];
        await File.WriteAllBytesAsync(PathOf(s), [.. bytes, .. lastChunk]);
        Assert.NotNull(await VerifyAsync(s));
    }

    [Fact]
    public async Task Verify_ChunksReordered_IsDetectedAtTheFirstMovedChunk()
    {
        var s = await StoreAsync(3 * ChunkSize + 10);
        var bytes = await File.ReadAllBytesAsync(PathOf(s));
        var headerLength = bytes.Length - (3 * (ChunkSize + 16)) - 26;
        var c0 = bytes.AsSpan(headerLength, ChunkSize + 16).ToArray();
        var c1 = bytes.AsSpan(headerLength + ChunkSize + 16, ChunkSize + 16).ToArray();
        c1.CopyTo(bytes, headerLength);
        c0.CopyTo(bytes, headerLength + ChunkSize + 16);
        await File.WriteAllBytesAsync(PathOf(s), bytes);
        Assert.Equal(0, await VerifyAsync(s));
    }

    [Fact]
    public async Task Verify_ChunkSwappedInFromAnotherRecordingUnderTheSameKey_IsDetected()
    {
        var a = await StoreAsync(2 * ChunkSize + 5, seed: 1);
        var b = await StoreAsync(2 * ChunkSize + 5, seed: 2);
        var bBytes = await File.ReadAllBytesAsync(PathOf(b));
        var aBytes = await File.ReadAllBytesAsync(PathOf(a));
        var headerLength = aBytes.Length - (2 * (ChunkSize + 16)) - 21;
        bBytes.AsSpan(headerLength, ChunkSize + 16).CopyTo(aBytes.AsSpan(headerLength));
        await File.WriteAllBytesAsync(PathOf(a), aBytes);
        Assert.Equal(0, await VerifyAsync(a));
    }

    [Fact]
    public async Task Open_WrongKey_IsRefusedBeforeAnyChunkIsDecrypted()
    {
        var s = await StoreAsync(2000);
        var ex = await Assert.ThrowsAsync<RecordingCorruptException>(() => ReadAsync(s, 0, 10, RandomNumberGenerator.GetBytes(32)));
        Assert.Contains("data key does not match", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRange_DamagedChunkInTheMiddle_StopsBeforeHandingOutItsBytes()
    {
        var s = await StoreAsync(4 * ChunkSize);
        var bytes = await File.ReadAllBytesAsync(PathOf(s));
        var headerLength = bytes.Length - (4 * (ChunkSize + 16));
        bytes[headerLength + (2 * (ChunkSize + 16)) + 7] ^= 0xFF;
        await File.WriteAllBytesAsync(PathOf(s), bytes);
        using var reader = await RecordingReader.OpenAsync(_store, s.Id.Value, s.Key, default);
        var handedOut = new MemoryStream();
        var ex = await Assert.ThrowsAsync<RecordingCorruptException>(() =>
            reader.ReadRangeAsync(0, (4 * ChunkSize) - 1, (m, ct) => handedOut.WriteAsync(m, ct), default));
        Assert.Equal(2, ex.Chunk);
        Assert.Equal(s.Plain[..(2 * ChunkSize)], handedOut.ToArray());
    }

    [Fact]
    public async Task Decode_NotARecording_SaysSo()
    {
        await File.WriteAllBytesAsync(_dir.Combine("junk"), new byte[100]);
        var ex = await Assert.ThrowsAsync<RecordingCorruptException>(() => RecordingReader.OpenAsync(_store, "junk", new byte[32], default));
        Assert.Contains("magic", ex.Message, StringComparison.Ordinal);
    }
}
