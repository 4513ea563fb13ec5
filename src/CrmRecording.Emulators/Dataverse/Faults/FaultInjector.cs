namespace CrmRecording.Emulators.Dataverse.Faults;

/// <summary>
/// Makes the stand-in fail the way Dataverse does under load or during an outage. Faults apply to Web API
/// requests (<c>/api/data/...</c>) in arrival order, each queued fault answering exactly one request.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly Queue<InjectedFault> queue = new();
    private bool down;

    /// <summary>Requests still to be failed by queued faults (not counting an outage).</summary>
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

    /// <summary>
    /// The next <paramref name="requests"/> Web API requests answer 429 Too Many Requests with
    /// <c>Retry-After</c> in whole seconds, as Dataverse's service protection limits do.
    /// </summary>
    public void Throttle(int requests, TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        Enqueue(requests, new InjectedFault(FaultKind.Throttled, retryAfter));
    }

    /// <summary>The next <paramref name="requests"/> Web API requests answer 503 Service Unavailable.</summary>
    public void ServiceUnavailable(int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        Enqueue(requests, new InjectedFault(FaultKind.Unavailable, TimeSpan.Zero));
    }

    /// <summary>Every Web API request answers 503 until <see cref="ComeBackUp"/>: an outage.</summary>
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
            if (down)
            {
                return new InjectedFault(FaultKind.Unavailable, TimeSpan.Zero);
            }

            return queue.TryDequeue(out var fault) ? fault : null;
        }
    }

    private void Enqueue(int requests, InjectedFault fault)
    {
        lock (gate)
        {
            for (var i = 0; i < requests; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }
}
