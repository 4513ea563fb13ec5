using CrmRecording.Emulators.Twilio.Recordings;

namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>
/// The calls and recordings of the account. One lock guards every leg and recording, so a change and the
/// notification of whoever waits for it are atomic; waiters are completed asynchronously, outside the caller's stack.
/// </summary>
internal sealed class CallBook(TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly List<CallLeg> legs = [];
    private readonly Dictionary<string, RecordingState> recordings = new(StringComparer.Ordinal);
    private readonly List<Waiter> waiters = [];

    public DateTimeOffset Now => time.GetUtcNow();

    public IReadOnlyList<CallRecord> All
    {
        get
        {
            lock (gate)
            {
                return legs.Select(l => l.Snapshot()).ToArray();
            }
        }
    }

    public IReadOnlyList<RecordingRecord> Recordings
    {
        get
        {
            lock (gate)
            {
                var now = Now;
                return recordings.Values.Select(r => r.Snapshot(now)).OrderBy(r => r.StartTime).ToArray();
            }
        }
    }

    public CallLeg? Find(string sid)
    {
        lock (gate)
        {
            return legs.Find(l => l.Sid == sid);
        }
    }

    public RecordingState? FindRecording(string sid)
    {
        lock (gate)
        {
            return recordings.GetValueOrDefault(sid);
        }
    }

    /// <summary>The most recently started recording of the call that is still in progress or paused (<c>Twilio.CURRENT</c>).</summary>
    public RecordingState? CurrentRecording(string callSid)
    {
        lock (gate)
        {
            return recordings.Values.Where(r => r.CallSid == callSid && r.IsActive && !r.Deleted).MaxBy(r => r.StartTime);
        }
    }

    public void Add(CallLeg leg) => Change(() => legs.Add(leg));

    public void AddRecording(RecordingState recording, CallLeg leg) => Change(() =>
    {
        recordings.Add(recording.Sid, recording);
        leg.RecordingSids.Add(recording.Sid);
    });

    public void Change(Action change) => Change(() =>
    {
        change();
        return true;
    });

    public T Change<T>(Func<T> change)
    {
        lock (gate)
        {
            var result = change();
            Notify();
            return result;
        }
    }

    public CallRecord? Snapshot(string sid)
    {
        lock (gate)
        {
            return legs.Find(l => l.Sid == sid)?.Snapshot();
        }
    }

    public RecordingRecord? RecordingSnapshot(string sid)
    {
        lock (gate)
        {
            return recordings.GetValueOrDefault(sid)?.Snapshot(Now);
        }
    }

    /// <summary>Completes with the first snapshot of the leg that satisfies <paramref name="condition"/> (perhaps the current one).</summary>
    public async Task<CallRecord> WaitAsync(string sid, Func<CallRecord, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(sid, condition);
        lock (gate)
        {
            waiters.Add(waiter);
            Notify();
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Call {sid} did not reach the awaited state within {timeout}; it is {Snapshot(sid)?.Status.ToWire() ?? "unknown"}.");
        }
        finally
        {
            lock (gate)
            {
                waiters.Remove(waiter);
            }
        }
    }

    private void Notify()
    {
        foreach (var waiter in waiters)
        {
            if (waiter.Completion.Task.IsCompleted || legs.Find(l => l.Sid == waiter.Sid) is not { } leg)
            {
                continue;
            }

            var snapshot = leg.Snapshot();
            try
            {
                if (waiter.Condition(snapshot))
                {
                    waiter.Completion.TrySetResult(snapshot);
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A failing condition is the test's bug: it surfaces to the test that waits, not to the call.
                waiter.Completion.TrySetException(exception);
            }
        }
    }

    private sealed record Waiter(string Sid, Func<CallRecord, bool> Condition)
    {
        public TaskCompletionSource<CallRecord> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
