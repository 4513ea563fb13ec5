using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Vault.Format;

/// <summary>
/// The header in front of a recording's encrypted chunks (see docs/recording-format.md). It names the
/// key-encryption key and commits to the data key, but never holds the data key itself, wrapped or not:
/// the wrapped data key lives only in the metadata store, so destroying it there shreds every copy of the blob.
/// </summary>
internal sealed record RecordingHeader(
    RecordingId RecordingId,
    int ChunkSize,
    byte[] NoncePrefix,
    string KeyId,
    byte[] KeyCommitment)
{
    public const ushort FormatVersion = 1;
    public const int TagSize = 16;
    public const int NoncePrefixSize = 7;
    public const int CommitmentSize = 32;
    public const int MinChunkSize = 1024;
    public const int MaxChunkSize = 16 * 1024 * 1024;
    public const int MaxHeaderSize = 4096;

    public static ReadOnlySpan<byte> Magic => "CRMREC"u8;

    private static ReadOnlySpan<byte> CommitmentLabel => "crmrec key commitment v1"u8;

    /// <summary>Bytes on the wire: magic(6) version(2) headerLength(4) chunkSize(4) recordingId(16) noncePrefix(7) keyIdLength(2) keyId commitment(32).</summary>
    public byte[] Encode()
    {
        var keyId = Encoding.UTF8.GetBytes(KeyId);
        var length = 6 + 2 + 4 + 4 + 16 + NoncePrefixSize + 2 + keyId.Length + CommitmentSize;
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], FormatVersion);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], (uint)length);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], (uint)ChunkSize);
        RecordingId.ToBytes().CopyTo(span[16..]);
        NoncePrefix.CopyTo(span[32..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[39..], (ushort)keyId.Length);
        keyId.CopyTo(span[41..]);
        KeyCommitment.CopyTo(span[(41 + keyId.Length)..]);
        return bytes;
    }

    /// <summary>Reads a header, or says why the bytes are not one.</summary>
    public static RecordingHeader Decode(ReadOnlySpan<byte> bytes, out int headerLength)
    {
        if (bytes.Length < 41 || !bytes[..6].SequenceEqual(Magic))
        {
            throw new RecordingCorruptException("the blob does not start with a recording header (bad magic).", chunk: null);
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
        if (version != FormatVersion)
        {
            throw new RecordingCorruptException($"format version {version} is not supported (this build reads version {FormatVersion}).", chunk: null);
        }

        headerLength = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]), int.MaxValue);
        var chunkSize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]), int.MaxValue);
        var keyIdLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[39..]);
        if (headerLength > MaxHeaderSize || headerLength != 41 + keyIdLength + CommitmentSize || bytes.Length < headerLength
            || chunkSize is < MinChunkSize or > MaxChunkSize)
        {
            throw new RecordingCorruptException("the header's lengths are inconsistent.", chunk: null);
        }

        var id = RecordingId.Parse(Convert.ToHexStringLower(bytes.Slice(16, 16)));
        return new RecordingHeader(
            id,
            chunkSize,
            bytes.Slice(32, NoncePrefixSize).ToArray(),
            Encoding.UTF8.GetString(bytes.Slice(41, keyIdLength)),
            bytes.Slice(41 + keyIdLength, CommitmentSize).ToArray());
    }

    /// <summary>HMAC-SHA256 of a fixed label and the recording id under the data key: shows a key is the right one before any audio is decrypted.</summary>
    public static byte[] Commit(ReadOnlySpan<byte> dataKey, RecordingId id)
    {
        Span<byte> message = stackalloc byte[CommitmentLabel.Length + 16];
        CommitmentLabel.CopyTo(message);
        id.ToBytes().CopyTo(message[CommitmentLabel.Length..]);
        return HMACSHA256.HashData(dataKey, message);
    }
}
