using System.Collections.Concurrent;

namespace CrmRecording.Http;

/// <summary>
/// A bounded cache whose entries live a fixed time from when they were loaded, on the injected clock.
/// Concurrent misses for one key share a single load; a failed load is not kept, so the next caller retries.
/// When full, expired entries go first, then those closest to expiry.
/// </summary>
public sealed class SingleFlightCache<TKey, TValue>(TimeSpan lifetime, int capacity, TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public int Count => _entries.Count;

    /// <param name="load">Runs without the caller's token, since other callers may wait on it; each caller stops waiting on its own token.</param>
    public Task<TValue> GetOrLoadAsync(TKey key, Func<TKey, Task<TValue>> load, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return load(key).WaitAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var found) && found.IsUsable(now))
        {
            return found.Value.Value.WaitAsync(cancellationToken);
        }

        if (_entries.Count >= capacity)
        {
            Evict(now);
        }

        var fresh = new Entry(new Lazy<Task<TValue>>(() => LoadAsync(load, key)), now + lifetime);
        var stored = _entries.AddOrUpdate(key, fresh, (_, old) => old.IsUsable(now) ? old : fresh);
        return stored.Value.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets one key, e.g. after the CRM said something changed.</summary>
    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    // Async, so a load that throws before its first await still ends as a faulted task, which is not kept.
    private static async Task<TValue> LoadAsync(Func<TKey, Task<TValue>> load, TKey key) => await load(key).ConfigureAwait(false);

    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (!entry.IsUsable(now))
            {
                _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            }
        }

        var excess = _entries.Count - capacity + 1;
        if (excess > 0)
        {
            foreach (var (key, entry) in _entries.OrderBy(e => e.Value.Expires).Take(excess).ToList())
            {
                _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            }
        }
    }

    private sealed record Entry(Lazy<Task<TValue>> Value, DateTimeOffset Expires)
    {
        public bool IsUsable(DateTimeOffset now) =>
            Expires > now && !(Value.IsValueCreated && (Value.Value.IsFaulted || Value.Value.IsCanceled));
    }
}
