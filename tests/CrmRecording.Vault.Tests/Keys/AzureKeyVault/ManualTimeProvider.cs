namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>
/// A clock that moves only when told. Timers (the retry waits) record their delay and, with
/// <see cref="FireTimersImmediately"/>, fire at once so no test sleeps; otherwise they wait for <see cref="Advance"/>.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _pending = [];
    private readonly List<TimeSpan> _delays = [];
    private readonly TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public bool FireTimersImmediately { get; init; } = true;

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_lock)
            {
                return [.. _delays];
            }
        }
    }

    public Task TimerCreated => _timerCreated.Task;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now += by;
            due = [.. _pending.Where(timer => timer.DueAt <= _now)];
            _pending.RemoveAll(due.Contains);
        }

        due.ForEach(timer => timer.Fire());
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _delays.Add(dueTime);
            timer.DueAt = _now + dueTime;
            if (!FireTimersImmediately)
            {
                _pending.Add(timer);
            }
        }

        if (FireTimersImmediately)
        {
            ThreadPool.QueueUserWorkItem(_ => timer.Fire());
        }

        _timerCreated.TrySetResult();
        return timer;
    }

    private void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            _pending.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private int _disposed;

        public DateTimeOffset DueAt { get; set; }

        public void Fire()
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                callback(state);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException("Retry waits are one-shot.");

        public void Dispose()
        {
            Interlocked.Exchange(ref _disposed, 1);
            owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
