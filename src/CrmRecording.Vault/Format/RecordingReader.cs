using System.Buffers;
using System.Security.Cryptography;
using CrmRecording.Vault.Blobs;

namespace CrmRecording.Vault.Format;

/// <summary>
/// Decrypts any byte range of a stored recording by reading only the chunks it spans. Every chunk is
/// authenticated before a byte of it is handed out; a failure names the chunk and returns nothing more.
/// </summary>
internal sealed class RecordingReader : IDisposable
{
    private readonly IBlobStore _store;
    private readonly string _blobName;
    private readonly ChunkCipher _cipher;
    private readonly int _headerLength;
    private readonly long _chunks;
    private readonly int _lastStoredChunk;

    private RecordingReader(IBlobStore store, string blobName, RecordingHeader header, ChunkCipher cipher, int headerLength, long blobLength)
    {
        _store = store;
        _blobName = blobName;
        Header = header;
        _cipher = cipher;
        _headerLength = headerLength;
        var payload = blobLength - headerLength;
        var storedChunk = (long)header.ChunkSize + RecordingHeader.TagSize;
        _chunks = Math.Max(1, (payload + storedChunk - 1) / storedChunk);
        _lastStoredChunk = (int)(payload - ((_chunks - 1) * storedChunk));
        if (payload < RecordingHeader.TagSize || _lastStoredChunk < RecordingHeader.TagSize)
        {
            cipher.Dispose();
            throw new RecordingCorruptException("the recording is truncated: its last chunk is incomplete.", _chunks - 1);
        }

        Length = ((_chunks - 1) * header.ChunkSize) + _lastStoredChunk - RecordingHeader.TagSize;
    }

    public RecordingHeader Header { get; }

    /// <summary>Plaintext length, from the blob's length.</summary>
    public long Length { get; }

    public long Chunks => _chunks;

    /// <param name="dataKey">The unwrapped data key; checked against the header's commitment first.</param>
    public static async Task<RecordingReader> OpenAsync(IBlobStore store, string blobName, ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken)
    {
        var blobLength = await store.GetLengthAsync(blobName, cancellationToken).ConfigureAwait(false);
        var headerBytes = new byte[(int)Math.Min(blobLength, RecordingHeader.MaxHeaderSize)];
        var read = await ReadFullyAsync(store, blobName, 0, headerBytes, cancellationToken).ConfigureAwait(false);
        var header = RecordingHeader.Decode(headerBytes.AsSpan(0, read), out var headerLength);
        if (!CryptographicOperations.FixedTimeEquals(RecordingHeader.Commit(dataKey.Span, header.RecordingId), header.KeyCommitment))
        {
            throw new RecordingCorruptException("the data key does not match this recording (wrong key, or the header was altered).", chunk: null);
        }

        var cipher = new ChunkCipher(dataKey.Span, header, headerBytes.AsSpan(0, headerLength));
        return new RecordingReader(store, blobName, header, cipher, headerLength, blobLength);
    }

    /// <summary>Decrypts plaintext bytes <paramref name="start"/> to <paramref name="endInclusive"/> and hands them to <paramref name="sink"/> in order.</summary>
    public async Task ReadRangeAsync(long start, long endInclusive, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, CancellationToken cancellationToken)
    {
        if (start < 0 || endInclusive < start || endInclusive >= Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"bytes {start}-{endInclusive} are outside the recording (0-{Length - 1}).");
        }

        var size = Header.ChunkSize;
        var stored = ArrayPool<byte>.Shared.Rent(size + RecordingHeader.TagSize);
        var plain = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            for (var chunk = start / size; chunk <= endInclusive / size; chunk++)
            {
                var length = await DecryptChunkAsync(chunk, stored, plain, cancellationToken).ConfigureAwait(false);
                var chunkStart = chunk * size;
                var from = (int)Math.Max(0, start - chunkStart);
                var to = (int)Math.Min(length - 1, endInclusive - chunkStart);
                await sink(plain.AsMemory(from, to - from + 1), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            ArrayPool<byte>.Shared.Return(plain);
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    /// <summary>Decrypts every chunk (the empty final chunk of an empty recording included) and returns the plaintext's SHA-256.</summary>
    /// <exception cref="RecordingCorruptException">Names the first chunk that fails.</exception>
    public async Task<byte[]> VerifyAsync(CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var stored = ArrayPool<byte>.Shared.Rent(Header.ChunkSize + RecordingHeader.TagSize);
        var plain = ArrayPool<byte>.Shared.Rent(Header.ChunkSize);
        try
        {
            for (long chunk = 0; chunk < _chunks; chunk++)
            {
                var length = await DecryptChunkAsync(chunk, stored, plain, cancellationToken).ConfigureAwait(false);
                hash.AppendData(plain, 0, length);
            }

            return hash.GetHashAndReset();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            ArrayPool<byte>.Shared.Return(plain);
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    public void Dispose() => _cipher.Dispose();

    private async Task<int> DecryptChunkAsync(long chunk, byte[] stored, byte[] plain, CancellationToken cancellationToken)
    {
        var final = chunk == _chunks - 1;
        var storedLength = final ? _lastStoredChunk : Header.ChunkSize + RecordingHeader.TagSize;
        var offset = _headerLength + (chunk * ((long)Header.ChunkSize + RecordingHeader.TagSize));
        var read = await ReadFullyAsync(_store, _blobName, offset, stored.AsMemory(0, storedLength), cancellationToken).ConfigureAwait(false);
        if (read != storedLength || !_cipher.TryDecrypt(chunk, final, stored.AsSpan(0, storedLength), plain))
        {
            throw new RecordingCorruptException($"chunk {chunk} failed authentication: the recording was altered, truncated, reordered or mixed with another.", chunk);
        }

        return storedLength - RecordingHeader.TagSize;
    }

    private static async Task<int> ReadFullyAsync(IBlobStore store, string name, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await store.ReadAsync(name, offset + total, buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
