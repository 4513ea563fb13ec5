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

    public static string HashOf(long sequence, AuditEntry entry, string previousHash)
    {
        var canonical = string.Join(
            '\n',
            sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            entry.Action,
            entry.Actor,
            entry.RecordingId ?? string.Empty,
            entry.Detail ?? string.Empty,
            previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
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

            if (HashOf(e.Sequence, e.Entry, e.PreviousHash) != e.Hash)
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
