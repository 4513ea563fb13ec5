using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CrmRecording.Service.Calls.Live;

/// <summary>
/// Tells the live views of a call (the dialer's event stream) that the call's stored record changed. Published by
/// <see cref="ObservedCallStore"/> after each committed write of this instance, so nothing polls the database.
/// </summary>
internal sealed class CallChangeFeed
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Starts watching a call; dispose the subscription to stop. Changes come in commit order.</summary>
    public Subscription Watch(string callId)
    {
        var subscription = new Subscription(this, callId);
        _watchers.GetOrAdd(callId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>The call was stored as <paramref name="call"/>.</summary>
    public void Publish(CallRecord call)
    {
        if (_watchers.TryGetValue(call.Id, out var watchers))
        {
            foreach (var watcher in watchers.Keys)
            {
                watcher.Writer.TryWrite(call);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        if (_watchers.TryGetValue(subscription.CallId, out var watchers))
        {
            watchers.TryRemove(subscription, out _);
            if (watchers.IsEmpty)
            {
                _watchers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Subscription, byte>>(subscription.CallId, watchers));
            }
        }
    }

    /// <summary>One watcher of one call: the call records stored since it started watching.</summary>
    internal sealed class Subscription : IDisposable
    {
        private readonly CallChangeFeed _feed;
        private readonly Channel<CallRecord> _changes = Channel.CreateUnbounded<CallRecord>(new UnboundedChannelOptions { SingleReader = true });

        internal Subscription(CallChangeFeed feed, string callId)
        {
            _feed = feed;
            CallId = callId;
        }

        public string CallId { get; }

        public ChannelReader<CallRecord> Changes => _changes.Reader;

        internal ChannelWriter<CallRecord> Writer => _changes.Writer;

        public void Dispose()
        {
            _feed.Remove(this);
            _changes.Writer.TryComplete();
        }
    }
}
