namespace CrmRecording.Telephony.Tests.Support;

/// <summary>
/// A clock that never sleeps: each timer (a retry wait) is recorded, the clock jumps by its due time and
/// the timer fires at once. With <see cref="Frozen"/> timers never fire, to test cancellation while waiting.
/// </summary>
internal sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private readonly List<TimeSpan> waits = [];

    public DateTimeOffset Now { get; private set; } = start;

    public bool Frozen { get; init; }

    public IReadOnlyList<TimeSpan> Waits => waits;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (waits)
            {
                waits.Add(dueTime);
                Now += dueTime;
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
