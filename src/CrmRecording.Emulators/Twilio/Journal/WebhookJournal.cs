namespace CrmRecording.Emulators.Twilio.Journal;

/// <summary>Every webhook the stand-in sent, in the order sent, with the debugger errors they caused.</summary>
public sealed class WebhookJournal
{
    private readonly Lock gate = new();
    private readonly List<WebhookRecord> records = [];
    private readonly List<(Func<IReadOnlyList<WebhookRecord>, bool> Condition, TaskCompletionSource Done)> waiters = [];

    public IReadOnlyList<WebhookRecord> All
    {
        get
        {
            lock (gate)
            {
                return records.ToArray();
            }
        }
    }

    /// <summary>The webhooks that raised a debugger error, as Twilio's debugger would list them.</summary>
    public IReadOnlyList<WebhookRecord> Errors => All.Where(r => r.ErrorCode is not null).ToArray();

    public IReadOnlyList<WebhookRecord> OfKind(WebhookKind kind) => All.Where(r => r.Kind == kind).ToArray();

    public void Clear()
    {
        lock (gate)
        {
            records.Clear();
        }
    }

    /// <summary>Completes once the webhooks sent so far satisfy <paramref name="condition"/>; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<WebhookRecord>, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var waiter = (condition, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (gate)
        {
            if (condition(records.ToArray()))
            {
                return;
            }

            waiters.Add(waiter);
        }

        try
        {
            await waiter.Item2.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
            {
                waiters.Remove(waiter);
            }
        }
    }

    internal void Add(WebhookRecord record)
    {
        lock (gate)
        {
            records.Add(record);
            var snapshot = records.ToArray();
            foreach (var (condition, done) in waiters)
            {
                if (!done.Task.IsCompleted && condition(snapshot))
                {
                    done.TrySetResult();
                }
            }
        }
    }
}
