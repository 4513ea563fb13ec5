using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// Name-based UUIDs, version 5 (RFC 9562 §5.5): the same namespace and name always give the same id,
/// so a step keeps its id across packs and an import updates the step instead of adding a second one.
/// </summary>
internal static class NameBasedGuid
{
    /// <summary>The namespace of this solution's generated component ids (fixed forever: changing it re-keys every step).</summary>
    public static readonly Guid SolutionNamespace = new("82764ad6-513d-4b4f-b334-1c67c59f90b6");

    public static Guid Create(Guid namespaceId, string name)
    {
        Span<byte> bytes = stackalloc byte[16];
        namespaceId.TryWriteBytes(bytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        bytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);

        // SHA-1 is what RFC 9562 specifies for version 5; it names an id here, it protects nothing.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
