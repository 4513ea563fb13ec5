using System.Buffers;
using System.Security.Cryptography;
using CrmRecording.Vault.Blobs;

namespace CrmRecording.Vault.Format;

/// <summary>
/// Encrypts a plaintext stream chunk by chunk straight into a blob upload: the audio is never written
/// to disk in the clear, and memory holds two chunks whatever the recording's length.
/// </summary>
internal static class RecordingWriter
{
    public static async Task<WrittenRecording> WriteAsync(
        Stream plaintext, IBlobUpload upload, RecordingHeader header, ReadOnlyMemory<byte> dataKey, CancellationToken cancellationToken)
    {
        var encodedHeader = header.Encode();
        await upload.WriteAsync(encodedHeader, cancellationToken).ConfigureAwait(false);
        using var cipher = new ChunkCipher(dataKey.Span, header, encodedHeader);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var size = header.ChunkSize;
        var current = ArrayPool<byte>.Shared.Rent(size);
        var next = ArrayPool<byte>.Shared.Rent(size);
        var sealedChunk = ArrayPool<byte>.Shared.Rent(size + RecordingHeader.TagSize);
        try
        {
            long index = 0, total = 0, stored = encodedHeader.Length;
            var length = await FillAsync(plaintext, current.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            while (true)
            {
                // A chunk is final when nothing follows it, so read one chunk ahead before sealing.
                var nextLength = length < size ? 0 : await FillAsync(plaintext, next.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                var final = nextLength == 0;
                hash.AppendData(current, 0, length);
                cipher.Encrypt(index, final, current.AsSpan(0, length), sealedChunk.AsSpan(0, length + RecordingHeader.TagSize));
                await upload.WriteAsync(sealedChunk.AsMemory(0, length + RecordingHeader.TagSize), cancellationToken).ConfigureAwait(false);
                total += length;
                stored += length + RecordingHeader.TagSize;
                if (final)
                {
                    return new WrittenRecording(total, stored, hash.GetHashAndReset(), index + 1);
                }

                (current, next) = (next, current);
                length = nextLength;
                index++;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(current);
            CryptographicOperations.ZeroMemory(next);
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
            ArrayPool<byte>.Shared.Return(sealedChunk);
        }
    }

    private static async Task<int> FillAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}

/// <summary>What was written: plaintext length, stored (encrypted) length, SHA-256 of the plaintext, chunk count.</summary>
internal sealed record WrittenRecording(long PlaintextBytes, long StoredBytes, byte[] Sha256, long Chunks);
