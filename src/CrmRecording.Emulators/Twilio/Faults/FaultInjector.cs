namespace CrmRecording.Emulators.Twilio.Faults;

/// <summary>
/// Makes REST and Lookup requests fail the way Twilio does under load or in an incident. Queued faults answer
/// one request each, in arrival order; while down, every connection is dropped without an answer.
/// Webhooks the stand-in sends are not affected.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly Queue<InjectedFault> queue = new();
    private bool down;

    /// <summary>Requests still to be failed by queued faults.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    public bool IsDown
    {
        get
        {
            lock (gate)
            {
                return down;
            }
        }
    }

    /// <summary>The next <paramref name="requests"/> requests answer 429 (error 20429) with <c>Retry-After</c> in whole seconds.</summary>
    public void TooManyRequests(int requests, TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        Enqueue(requests, new InjectedFault(FaultKind.TooManyRequests, retryAfter));
    }

    /// <summary>The next <paramref name="requests"/> requests answer 500 (error 20500).</summary>
    public void InternalError(int requests) => Enqueue(requests, new InjectedFault(FaultKind.InternalError, TimeSpan.Zero));

    /// <summary>The next <paramref name="requests"/> requests answer 503 (error 20503).</summary>
    public void ServiceUnavailable(int requests) => Enqueue(requests, new InjectedFault(FaultKind.Unavailable, TimeSpan.Zero));

    /// <summary>Every request's connection is dropped unanswered until <see cref="ComeBackUp"/>: the client sees a transport failure.</summary>
    public void GoDown()
    {
        lock (gate)
        {
            down = true;
        }
    }

    public void ComeBackUp()
    {
        lock (gate)
        {
            down = false;
        }
    }

    /// <summary>Drops queued faults and ends an outage.</summary>
    public void Clear()
    {
        lock (gate)
        {
            queue.Clear();
            down = false;
        }
    }

    internal InjectedFault? Next()
    {
        lock (gate)
        {
            return queue.TryDequeue(out var fault) ? fault : null;
        }
    }

    private void Enqueue(int requests, InjectedFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        lock (gate)
        {
            for (var i = 0; i < requests; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }
}
