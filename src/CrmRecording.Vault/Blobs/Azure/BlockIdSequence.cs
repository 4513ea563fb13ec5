using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// Block ids for one upload: base64 of a random per-upload prefix and the block's index. The service
/// wants every id of a blob to have the same length (here 24 characters, no padding). The random prefix
/// keeps two uploads racing to the same name from overwriting each other's uncommitted blocks.
/// </summary>
internal sealed class BlockIdSequence
{
    private const int PrefixBytes = 14;

    private readonly byte[] _prefix = RandomNumberGenerator.GetBytes(PrefixBytes);
    private int _next;

    public string Next()
    {
        Span<byte> raw = stackalloc byte[PrefixBytes + sizeof(int)];
        _prefix.CopyTo(raw);
        BinaryPrimitives.WriteInt32BigEndian(raw[PrefixBytes..], _next++);
        return Convert.ToBase64String(raw);
    }
}
