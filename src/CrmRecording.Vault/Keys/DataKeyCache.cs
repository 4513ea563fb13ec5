using System.Security.Cryptography;

namespace CrmRecording.Vault.Keys;

/// <summary>
/// Unwrapped data keys of recordings being read, kept in memory only (pinned, so the collector never copies them) for
/// a short time: a player seeking in a call asks for a new range every few seconds, and each would otherwise cost a
/// key unwrap (a round trip to Key Vault in production). Entries are found by the wrapped key itself, so a re-wrapped
/// or altered key is never served from here; they are zeroed when they expire or are pushed out, and when the cache is
/// disposed. Callers get a copy, which they zero themselves.
/// </summary>
internal sealed class DataKeyCache(TimeSpan lifetime, int capacity = 1024) : IDisposable
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSweep;

    /// <summary>The data key, from here while it is fresh, else unwrapped by <paramref name="keys"/> and kept.</summary>
    public async Task<byte[]> UnwrapAsync(IKeyWrapper keys, WrappedKey wrapped, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return await keys.UnwrapAsync(wrapped, cancellationToken).ConfigureAwait(false);
        }

        var name = $"{wrapped.KeyId}\n{wrapped.Algorithm}\n{Convert.ToBase64String(wrapped.Bytes)}";
        lock (_lock)
        {
            Evict(now, room: false);
            if (_entries.TryGetValue(name, out var found) && found.Expires > now)
            {
                return found.Key.ToArray();
            }
        }

        var key = await keys.UnwrapAsync(wrapped, cancellationToken).ConfigureAwait(false);
        var kept = GC.AllocateUninitializedArray<byte>(key.Length, pinned: true);
        key.CopyTo(kept, 0);
        lock (_lock)
        {
            Evict(now, room: true);
            if (_entries.Remove(name, out var replaced))
            {
                CryptographicOperations.ZeroMemory(replaced.Key);
            }

            _entries[name] = new Entry(kept, now + lifetime);
        }

        return key;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                CryptographicOperations.ZeroMemory(entry.Key);
            }

            _entries.Clear();
        }
    }

    /// <summary>Zeroes and drops what has expired and, to make room for one more, what expires soonest. Called under the lock.</summary>
    private void Evict(DateTimeOffset now, bool room)
    {
        if (now < _nextSweep && !room)
        {
            return;
        }

        _nextSweep = now + lifetime;
        foreach (var (name, entry) in _entries.Where(e => e.Value.Expires <= now).ToList())
        {
            CryptographicOperations.ZeroMemory(entry.Key);
            _entries.Remove(name);
        }

        foreach (var (name, entry) in _entries.OrderBy(e => e.Value.Expires).Take(room ? _entries.Count - capacity + 1 : 0).ToList())
        {
            CryptographicOperations.ZeroMemory(entry.Key);
            _entries.Remove(name);
        }
    }

    private sealed record Entry(byte[] Key, DateTimeOffset Expires);
}
