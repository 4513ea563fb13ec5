using System.Threading.Channels;

namespace CrmRecording.Vault.Metadata;

/// <summary>
/// Group commit: callers queue their writes, and one loop drains whatever is waiting (up to a group's size) into one
/// transaction, so concurrent writers share one durable commit instead of queueing for the write lock and paying a
/// commit each. A caller's task completes only once its write is committed. When a group fails, each of its writes is
/// tried again in a transaction of its own, so one bad write fails only its own caller (a store whose commit can fail
/// after the server committed says what that means for its writes).
/// </summary>
/// <param name="commit">Writes a group in one transaction and commits it; returns one result per write, in order.</param>
public sealed class GroupCommitter<TWrite, TResult>(Func<IReadOnlyList<TWrite>, Task<TResult[]>> commit, int maxGroup = 256) : IAsyncDisposable
{
    private readonly Channel<(TWrite Write, TaskCompletionSource<TResult> Done)> _queue =
        Channel.CreateUnbounded<(TWrite, TaskCompletionSource<TResult>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _startLock = new();
    private Task? _loop;

    /// <summary>Queues the write and waits for its group's commit; cancelling stops the wait, not the write.</summary>
    /// <exception cref="ObjectDisposedException">The store is closed.</exception>
    public async Task<TResult> SubmitAsync(TWrite write, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((write, done)))
        {
            throw new ObjectDisposedException(nameof(GroupCommitter<TWrite, TResult>), "The store is closed.");
        }

        Start();
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes no more writes, and returns once those already queued are committed or failed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (Volatile.Read(ref _loop) is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
    }

    /// <summary>Starts the one loop (the channel has a single reader; two loops must never run).</summary>
    private void Start()
    {
        if (Volatile.Read(ref _loop) is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _loop ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var group = new List<(TWrite Write, TaskCompletionSource<TResult> Done)>(maxGroup);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < maxGroup && _queue.Reader.TryRead(out var item))
            {
                group.Add(item);
            }

            try
            {
                var results = await commit([.. group.Select(g => g.Write)]).ConfigureAwait(false);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception) when (group.Count > 1)
            {
                // Each write is tried alone, so the failure reaches only the caller whose write caused it.
                foreach (var item in group)
                {
                    await CommitAloneAsync(item.Write, item.Done).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                // The caller learns that its write is not stored (a webhook answers with an error, a listen is refused).
                group[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task CommitAloneAsync(TWrite write, TaskCompletionSource<TResult> done)
    {
        try
        {
            done.TrySetResult((await commit([write]).ConfigureAwait(false))[0]);
        }
        catch (Exception ex)
        {
            done.TrySetException(ex);
        }
    }
}
