namespace CrmRecording.Telephony.Lookup;

/// <summary>
/// Lookup answers per number until <c>FetchedAt + duration</c> on the injected clock, at most
/// <c>capacity</c> numbers. Callers asking for a number already being looked up share that one request;
/// a failed lookup is not kept, so the next caller asks again.
/// </summary>
internal sealed class LineTypeCache(TimeProvider time, TimeSpan duration, int capacity)
{
    private readonly Dictionary<string, Task<LineTypeInfo>> entries = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (entries)
            {
                return entries.Count;
            }
        }
    }

    public Task<LineTypeInfo> GetAsync(string number, Func<Task<LineTypeInfo>> fetch, CancellationToken cancellationToken)
    {
        TaskCompletionSource<LineTypeInfo> owned;
        lock (entries)
        {
            if (entries.TryGetValue(number, out var existing) && !IsStale(existing))
            {
                return existing.WaitAsync(cancellationToken);
            }

            EvictIfFull();
            owned = new TaskCompletionSource<LineTypeInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
            entries[number] = owned.Task;
        }

        // The lookup runs on its own, not under the first caller's token: others may be waiting for the same
        // answer, and each caller's cancellation only stops that caller's wait.
        _ = CompleteAsync(number, owned, fetch);
        return owned.Task.WaitAsync(cancellationToken);
    }

    private async Task CompleteAsync(string number, TaskCompletionSource<LineTypeInfo> owned, Func<Task<LineTypeInfo>> fetch)
    {
        try
        {
            owned.SetResult(await fetch().ConfigureAwait(false));
        }
        catch (Exception e)
        {
            // Whatever the lookup threw reaches every waiting caller unchanged; only the cache entry is dropped.
            lock (entries)
            {
                if (entries.TryGetValue(number, out var current) && current == owned.Task)
                {
                    entries.Remove(number);
                }
            }

            owned.SetException(e);
        }
    }

    private bool IsStale(Task<LineTypeInfo> entry) =>
        entry.IsCompleted && (!entry.IsCompletedSuccessfully || time.GetUtcNow() >= entry.Result.FetchedAt + duration);

    private void EvictIfFull()
    {
        if (entries.Count < capacity)
        {
            return;
        }

        foreach (var stale in entries.Where(e => IsStale(e.Value)).Select(e => e.Key).ToList())
        {
            entries.Remove(stale);
        }

        var excess = entries.Count - capacity + 1;
        if (excess > 0)
        {
            var oldest = entries
                .Where(e => e.Value.IsCompletedSuccessfully)
                .OrderBy(e => e.Value.Result.FetchedAt)
                .Take(excess)
                .Select(e => e.Key)
                .ToList();
            foreach (var key in oldest)
            {
                entries.Remove(key);
            }
        }
    }
}
