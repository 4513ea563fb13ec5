using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CrmRecording.Vault.Format;

/// <summary>
/// AES-256-GCM over one chunk. Nonce = prefix(7) ‖ chunk index(4, big-endian) ‖ final flag(1);
/// associated data = magic ‖ version ‖ recording id ‖ chunk index ‖ SHA-256(header), so a chunk only
/// decrypts in its own recording, at its own position, with its own header, and only the true last
/// chunk decrypts as last (truncation and extension are detected).
/// </summary>
internal sealed class ChunkCipher : IDisposable
{
    private readonly AesGcm _aes;
    private readonly byte[] _noncePrefix;
    private readonly byte[] _aadPrefix;

    public ChunkCipher(ReadOnlySpan<byte> dataKey, RecordingHeader header, ReadOnlySpan<byte> encodedHeader)
    {
        _aes = new AesGcm(dataKey, RecordingHeader.TagSize);
        _noncePrefix = header.NoncePrefix;
        _aadPrefix = [.. RecordingHeader.Magic, 0, (byte)RecordingHeader.FormatVersion, .. header.RecordingId.ToBytes(), .. SHA256.HashData(encodedHeader)];
    }

    public void Encrypt(long index, bool final, ReadOnlySpan<byte> plaintext, Span<byte> ciphertextAndTag)
    {
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> aad = stackalloc byte[_aadPrefix.Length + 4];
        Prepare(index, final, nonce, aad);
        _aes.Encrypt(nonce, plaintext, ciphertextAndTag[..plaintext.Length], ciphertextAndTag.Slice(plaintext.Length, RecordingHeader.TagSize), aad);
    }

    /// <returns>False when the chunk is not authentic; <paramref name="plaintext"/> is then cleared.</returns>
    public bool TryDecrypt(long index, bool final, ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext)
    {
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> aad = stackalloc byte[_aadPrefix.Length + 4];
        Prepare(index, final, nonce, aad);
        var length = ciphertextAndTag.Length - RecordingHeader.TagSize;
        try
        {
            _aes.Decrypt(nonce, ciphertextAndTag[..length], ciphertextAndTag[length..], plaintext[..length], aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // AesGcm already zeroes the output on failure; clear again so no unauthenticated byte can leak.
            plaintext[..length].Clear();
            return false;
        }
    }

    public void Dispose() => _aes.Dispose();

    private void Prepare(long index, bool final, Span<byte> nonce, Span<byte> aad)
    {
        if (index is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "A recording has at most 2^32 chunks.");
        }

        _noncePrefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[7..], (uint)index);
        nonce[11] = final ? (byte)1 : (byte)0;
        _aadPrefix.CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[_aadPrefix.Length..], (uint)index);
    }
}
