using System.Text;
using System.Threading.Channels;
using CrmRecording.Emulators.Salesforce.Org;

namespace CrmRecording.Emulators.Salesforce.Automation;

/// <summary>
/// The org's outbound message queue, as Salesforce runs it: notifications are sent in messages of up to 100 per action
/// (one action per object), without a session, and a message not answered with <c>Ack</c> true is sent again after an
/// interval that doubles up to <see cref="SalesforceStandInOptions.OutboundMessageRetryMax"/>, until it is
/// <see cref="SalesforceStandInOptions.OutboundMessageMaxAge"/> old (24 hours in Salesforce), when it is dropped.
/// Nothing is sent until <see cref="Endpoint"/> is set.
/// </summary>
public sealed class OutboundMessages : IAsyncDisposable
{
    private const int MaxPerMessage = 100;
    private readonly SalesforceStandInOptions options;
    private readonly Func<Uri> instance;
    private readonly List<PendingNotification> queue = [];
    private readonly List<string> acknowledged = [];
    private readonly List<string> expired = [];
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stop = new();
    private readonly HttpClient http;
    private readonly List<Task> senders = [];
    private long counter;
    private Uri? endpoint;
    private int sent;
    private int refused;

    internal OutboundMessages(SalesforceStandInOptions options, Func<Uri> instance)
    {
        this.options = options;
        this.instance = instance;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = options.OutboundMessageTimeout };
    }

    /// <summary>Where the actions send (the service's <c>/webhooks/salesforce/{secret}</c>); setting it wakes the queue.</summary>
    public Uri? Endpoint
    {
        get => Volatile.Read(ref endpoint);
        set
        {
            Volatile.Write(ref endpoint, value);
            wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Notifications not yet acknowledged (nor dropped for age).</summary>
    public int Pending
    {
        get
        {
            lock (queue)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>Ids of the notifications the listener acknowledged, in order.</summary>
    public IReadOnlyList<string> Acknowledged
    {
        get
        {
            lock (queue)
            {
                return [.. acknowledged];
            }
        }
    }

    /// <summary>Ids of the notifications dropped unacknowledged at the maximum age.</summary>
    public IReadOnlyList<string> Expired
    {
        get
        {
            lock (queue)
            {
                return [.. expired];
            }
        }
    }

    /// <summary>Messages sent (each attempt counts).</summary>
    public int Sent => Volatile.Read(ref sent);

    /// <summary>Messages the listener did not acknowledge (a fault, another status, no answer).</summary>
    public int Refused => Volatile.Read(ref refused);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(senders).ConfigureAwait(false);
        http.Dispose();
        stop.Dispose();
    }

    internal void Start()
    {
        for (var i = 0; i < Math.Max(1, options.OutboundMessageSenders); i++)
        {
            senders.Add(Task.Run(() => SendLoopAsync(stop.Token)));
        }
    }

    /// <summary>Queues a notification when the flow runs for the save.</summary>
    internal void OnChanged(RecordChange change)
    {
        if (RecordTriggeredFlow.Fires(change, options.RunAsUserId) is not { } fields)
        {
            return;
        }

        var id = RecordIds.Make("04l", Interlocked.Increment(ref counter));
        lock (queue)
        {
            queue.Add(new PendingNotification(id, change.Type, fields, options.TimeProvider.GetUtcNow()));
        }

        wake.Writer.TryWrite(true);
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (batch, nextDue) = Take();
            if (batch.Count == 0)
            {
                await WaitAsync(nextDue, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // There may be more due than one message holds: let another sender take the next.
            wake.Writer.TryWrite(true);
            var acked = await SendAsync(batch, cancellationToken).ConfigureAwait(false);
            Settle(batch, acked);
        }
    }

    /// <summary>Up to 100 due notifications of one object (the earliest due's); or none, and when the next falls due.</summary>
    private (List<PendingNotification> Batch, TimeSpan? NextDue) Take()
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (queue)
        {
            if (Endpoint is null)
            {
                return ([], null);
            }

            var due = queue.Where(n => n.DueAt <= now).ToList();
            if (due.Count == 0)
            {
                return ([], queue.Count == 0 ? null : queue.Min(n => n.DueAt) - now);
            }

            var type = due[0].Type;
            var batch = due.Where(n => n.Type == type).Take(MaxPerMessage).ToList();
            foreach (var notification in batch)
            {
                // In flight: not due again until the answer settles it.
                notification.DueAt = DateTimeOffset.MaxValue;
            }

            return (batch, null);
        }
    }

    private async Task WaitAsync(TimeSpan? nextDue, CancellationToken cancellationToken)
    {
        // Messages in flight are due at the end of time: look again after a minute at most (an answer wakes the loop sooner).
        var wait = nextDue is { } next ? (next < TimeSpan.FromMinutes(1) ? next : TimeSpan.FromMinutes(1)) : (TimeSpan?)null;
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = wait is { } w ? new CancellationTokenSource(w, options.TimeProvider) : new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await wake.Reader.ReadAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The next notification fell due.
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task<bool> SendAsync(List<PendingNotification> batch, CancellationToken cancellationToken)
    {
        var target = Endpoint;
        if (target is null)
        {
            return false;
        }

        var organization = Seed.SalesforceSeed.OrganizationId;
        var action = RecordIds.Make("04k", batch[0].Type == "Contact" ? "Sd0000000001" : "Sd0000000002");
        var body = OutboundEnvelope.Write(organization, action, instance().AbsoluteUri, batch);
        Interlocked.Increment(ref sent);
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "text/xml");
            content.Headers.ContentType!.CharSet = "utf-8";
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
            request.Headers.Add("SOAPAction", "\"\"");
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && OutboundEnvelope.IsAck(answer))
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // No answer is not an acknowledgement.
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        Interlocked.Increment(ref refused);
        return false;
    }

    private void Settle(List<PendingNotification> batch, bool acked)
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (queue)
        {
            foreach (var notification in batch)
            {
                if (acked)
                {
                    queue.Remove(notification);
                    acknowledged.Add(notification.Id);
                    continue;
                }

                notification.Attempts++;
                if (now - notification.QueuedAt >= options.OutboundMessageMaxAge)
                {
                    queue.Remove(notification);
                    expired.Add(notification.Id);
                    continue;
                }

                var delay = options.OutboundMessageRetryBase * Math.Pow(2, Math.Min(notification.Attempts - 1, 20));
                notification.DueAt = now + (delay < options.OutboundMessageRetryMax ? delay : options.OutboundMessageRetryMax);
            }
        }

        // Either way the queue changed: a waiting sender looks again.
        wake.Writer.TryWrite(true);
    }
}
