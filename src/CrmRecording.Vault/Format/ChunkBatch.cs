using System.Buffers;
using System.Security.Cryptography;

namespace CrmRecording.Vault.Format;

/// <summary>
/// Consecutive chunks of a recording on their way into the vault: their plaintext, read in one go, and their
/// sealed form (each chunk followed by its tag, as stored), written in one go. Reused from batch to batch.
/// </summary>
internal sealed class ChunkBatch
{
    private readonly int _chunkSize;

    public ChunkBatch(int chunkSize, int chunks)
    {
        _chunkSize = chunkSize;
        Capacity = chunkSize * chunks;
        Plain = ArrayPool<byte>.Shared.Rent(Capacity);
        Sealed = ArrayPool<byte>.Shared.Rent(chunks * (chunkSize + RecordingHeader.TagSize));
    }

    public int Capacity { get; }

    public byte[] Plain { get; }

    public byte[] Sealed { get; }

    /// <summary>Plaintext bytes read into <see cref="Plain"/>; less than <see cref="Capacity"/> only at the end.</summary>
    public int Length { get; set; }

    public long FirstChunk { get; set; }

    /// <summary>Whether the recording ends with this batch: its last chunk is then sealed as the final one.</summary>
    public bool Final { get; set; }

    /// <summary>Chunks in the batch; an empty recording still has one, empty, final chunk.</summary>
    public int Chunks => Length == 0 ? 1 : (Length + _chunkSize - 1) / _chunkSize;

    public int SealedLength => Length + (Chunks * RecordingHeader.TagSize);

    public void Seal(ChunkCipher cipher)
    {
        var chunks = Chunks;
        for (var i = 0; i < chunks; i++)
        {
            var offset = i * _chunkSize;
            var length = Math.Min(_chunkSize, Length - offset);
            var plain = Plain.AsSpan(offset, length);
            var sealedChunk = Sealed.AsSpan(i * (_chunkSize + RecordingHeader.TagSize), length + RecordingHeader.TagSize);
            cipher.Encrypt(FirstChunk + i, Final && i == chunks - 1, plain, sealedChunk);
        }
    }

    /// <summary>Clears the plaintext and gives the buffers back; the batch is not used again.</summary>
    public void Release()
    {
        CryptographicOperations.ZeroMemory(Plain);
        ArrayPool<byte>.Shared.Return(Plain);
        ArrayPool<byte>.Shared.Return(Sealed);
    }
}
