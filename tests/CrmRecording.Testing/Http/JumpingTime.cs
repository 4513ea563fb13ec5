using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Testing.Http;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that never sleeps: each timer (a retry wait) is recorded and moves the clock by its
/// due time, so it fires at once and whoever reads the clock afterwards sees the time the wait ended. With
/// <see cref="Frozen"/> the clock stays put and timers fire only on <see cref="FakeTimeProvider.Advance"/>, to test
/// cancellation while waiting. Safe to use from several threads (a stand-in may stamp dates while a client waits).
/// </summary>
public sealed class JumpingTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> waits = [];
    private readonly Channel<TimeSpan> created = Channel.CreateUnbounded<TimeSpan>();

    public bool Frozen { get; init; }

    public DateTimeOffset Now => GetUtcNow();

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

    /// <summary>Each timer's due time as it is created: a test of a <see cref="Frozen"/> clock moves it only once the wait has begun.</summary>
    public ChannelReader<TimeSpan> Timers => created.Reader;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (gate)
            {
                waits.Add(dueTime);
            }

            created.Writer.TryWrite(dueTime);

            if (!Frozen)
            {
                Advance(dueTime);
            }
        }

        return timer;
    }
}
