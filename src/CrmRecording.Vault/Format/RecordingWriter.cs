using System.Security.Cryptography;
using CrmRecording.Vault.Blobs;

namespace CrmRecording.Vault.Format;

/// <summary>
/// Encrypts a plaintext stream chunk by chunk straight into a blob upload: the audio is never written to disk in
/// the clear. Reading, hashing, sealing and writing overlap (<see cref="ChunkPipeline"/>), and memory holds a few
/// batches of chunks whatever the recording's length.
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
        using var pipeline = new ChunkPipeline(header.ChunkSize, cancellationToken);
        long total = 0, stored = encodedHeader.Length, chunks = 0;
        await pipeline.RunAsync(
            (batch, ct) => FillAsync(plaintext, batch.Plain.AsMemory(0, batch.Capacity), ct),
            [batch => hash.AppendData(batch.Plain, 0, batch.Length), batch => batch.Seal(cipher)],
            async (batch, ct) =>
            {
                await upload.WriteAsync(batch.Sealed.AsMemory(0, batch.SealedLength), ct).ConfigureAwait(false);
                total += batch.Length;
                stored += batch.SealedLength;
                chunks += batch.Chunks;
            }).ConfigureAwait(false);
        return new WrittenRecording(total, stored, hash.GetHashAndReset(), chunks);
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
