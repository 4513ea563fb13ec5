using CrmRecording.Emulators.Tests.Twilio;

namespace CrmRecording.Emulators.Tests.Dataverse.Limits;

/// <summary>
/// A manual clock shared by a client and the stand-in: a wait moves the clock forward by exactly its length and
/// ends at once, so the stand-in sees a request sent after a wait at the time the wait ended.
/// </summary>
internal sealed class JumpingClock : TimeProvider
{
    private readonly ManualClock clock = new();

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public void Advance(TimeSpan by) => clock.Advance(by);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new Stopped();
    }

    private sealed class Stopped : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
