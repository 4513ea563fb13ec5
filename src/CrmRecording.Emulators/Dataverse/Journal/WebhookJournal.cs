namespace CrmRecording.Emulators.Dataverse.Journal;

/// <summary>
/// The webhook deliveries the stand-in made, and a way to wait for asynchronous steps, which run on
/// background tasks after the Web API call that triggered them has already been answered.
/// </summary>
public sealed class WebhookJournal
{
    private readonly Lock gate = new();
    private readonly List<WebhookDelivery> deliveries = [];
    private readonly List<Task> pending = [];

    public IReadOnlyList<WebhookDelivery> All
    {
        get
        {
            lock (gate)
            {
                return deliveries.ToArray();
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            deliveries.Clear();
        }
    }

    /// <summary>Completes when every asynchronous delivery started so far (and any they caused) has finished.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task[] running;
            lock (gate)
            {
                pending.RemoveAll(t => t.IsCompleted);
                running = pending.ToArray();
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal void Add(WebhookDelivery delivery)
    {
        lock (gate)
        {
            deliveries.Add(delivery);
        }
    }

    internal void Track(Task background)
    {
        lock (gate)
        {
            pending.Add(background);
        }
    }
}
