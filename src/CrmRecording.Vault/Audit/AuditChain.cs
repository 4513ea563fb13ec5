using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Vault.Audit;

/// <summary>
/// The audit trail's hash chain: each event's hash covers its own fields and the previous event's hash,
/// so altering, removing or reordering any event breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first event.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    public static string HashOf(long sequence, AuditEntry entry, string previousHash)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(sequence, entry, previousHash, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Whether <paramref name="hash"/> (hex) is the hash of the event's fields after <paramref name="previousHash"/>.</summary>
    public static bool Matches(long sequence, AuditEntry entry, string previousHash, string hash)
    {
        Span<byte> computed = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(sequence, entry, previousHash, computed);
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        return Convert.TryToHexStringLower(computed, hex, out _) && hex.SequenceEqual(hash);
    }

    /// <summary>
    /// SHA-256 of the canonical form: sequence, time (UTC, 100 ns), action, actor, recording id, detail and the previous
    /// hash, joined by line feeds, in UTF-8; written straight into one buffer, as the chain is verified whole by reports.
    /// </summary>
    private static void Hash(long sequence, AuditEntry entry, string previousHash, Span<byte> hash)
    {
        var recording = entry.RecordingId ?? string.Empty;
        var detail = entry.Detail ?? string.Empty;
        var length = 20 + 28 + 6 + Encoding.UTF8.GetMaxByteCount(entry.Action.Length + entry.Actor.Length + recording.Length + detail.Length + previousHash.Length);
        byte[]? rented = null;
        var buffer = length <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            sequence.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
            buffer[n++] = (byte)'\n';
            entry.At.UtcDateTime.TryFormat(buffer[n..], out var written, TimeFormat, CultureInfo.InvariantCulture);
            n += written;
            foreach (var text in (ReadOnlySpan<string>)[entry.Action, entry.Actor, recording, detail, previousHash])
            {
                buffer[n++] = (byte)'\n';
                n += Encoding.UTF8.GetBytes(text, buffer[n..]);
            }

            SHA256.HashData(buffer[..n], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Recomputes the chain; returns null when intact, else the first event that was altered, removed or reordered.</summary>
    public static AuditBreak? Verify(IEnumerable<AuditEvent> events)
    {
        var previous = Genesis;
        long expected = 1;
        foreach (var e in events)
        {
            if (e.Sequence != expected)
            {
                return new AuditBreak(expected, e.Sequence < expected
                    ? $"event {e.Sequence} appears after event {expected - 1}: the trail was reordered."
                    : $"event {expected} is missing (the next event is {e.Sequence}): events were removed.");
            }

            if (e.PreviousHash != previous)
            {
                return new AuditBreak(e.Sequence, $"event {e.Sequence} does not follow event {e.Sequence - 1}: an event before it was removed, replaced or reordered.");
            }

            if (!Matches(e.Sequence, e.Entry, e.PreviousHash, e.Hash))
            {
                return new AuditBreak(e.Sequence, $"event {e.Sequence} was altered: its content no longer matches its hash.");
            }

            previous = e.Hash;
            expected++;
        }

        return null;
    }
}

/// <summary>Where the audit chain breaks and how.</summary>
public sealed record AuditBreak(long Sequence, string Reason);
