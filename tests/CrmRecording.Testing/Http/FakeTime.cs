namespace CrmRecording.Testing.Http;

/// <summary>
/// A clock that never sleeps: each timer (a retry wait) is recorded, the clock jumps by its due time and
/// the timer fires at once. With <see cref="Frozen"/> timers never fire, to test cancellation while waiting.
/// Safe to read from other threads (the Twilio stand-in stamps dates with it while a test advances it).
/// </summary>
public sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> waits = [];
    private DateTimeOffset now = start;

    public DateTimeOffset Now
    {
        get
        {
            lock (gate)
            {
                return now;
            }
        }
    }

    public bool Frozen { get; init; }

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (gate)
            {
                return waits.ToArray();
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (gate)
            {
                waits.Add(dueTime);
                now += dueTime;
            }

            if (!Frozen)
            {
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }
        }

        return new IdleTimer();
    }

    private sealed class IdleTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
