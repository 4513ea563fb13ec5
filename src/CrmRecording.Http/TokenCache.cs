namespace CrmRecording.Http;

/// <summary>
/// Keeps one credential (an access token, a session) until shortly before it runs out, so a burst of requests asks
/// for it once: concurrent callers share one pending request, a failed one is not kept, and a credential the remote
/// refused is dropped with <see cref="Invalidate"/>.
/// </summary>
/// <param name="fetch">Runs without any caller's token: a caller that gives up must not fail the others waiting on it.</param>
/// <param name="refreshAt">When a credential stops being handed out (its expiry less a margin); <see cref="DateTimeOffset.MaxValue"/> for never.</param>
public sealed class TokenCache<T>(Func<CancellationToken, Task<T>> fetch, Func<T, DateTimeOffset> refreshAt, TimeProvider time)
{
    private readonly Lock gate = new();
    private Task<T>? current;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> pending;
        lock (gate)
        {
            if (current is null || current.IsFaulted || current.IsCanceled || (current.IsCompletedSuccessfully && refreshAt(current.Result) <= time.GetUtcNow()))
            {
                current = fetch(CancellationToken.None);
            }

            pending = current;
        }

        return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops <paramref name="refused"/> so the next caller gets a new one; a newer one already obtained is kept.</summary>
    public void Invalidate(T refused)
    {
        lock (gate)
        {
            if (current is { IsCompletedSuccessfully: true } task && EqualityComparer<T>.Default.Equals(task.Result, refused))
            {
                current = null;
            }
        }
    }
}
