using System.Collections.Concurrent;

namespace CrmRecording.Emulators.Tests.Dataverse;

/// <summary>A clock whose timers fire at once and remember how long they were asked to wait (the client's Retry-After waits).</summary>
internal sealed class ImmediateTime : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> waits = new();

    public IReadOnlyList<TimeSpan> Waits => waits.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            waits.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
