namespace CrmRecording.Emulators.Salesforce.Faults;

/// <summary>
/// Makes the stand-in fail as an org does: sessions expiring (401 INVALID_SESSION_ID), the daily API request limit
/// reached (403 REQUEST_LIMIT_EXCEEDED until reset), 503 for the next requests, or an outage (every request, the
/// token endpoint too, answers 503 until <see cref="ComeBackUp"/>).
/// </summary>
public sealed class SalesforceFaults
{
    private readonly Lock gate = new();
    private int unavailable;
    private bool down;
    private bool limitReached;
    private int sessionsToExpire;

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

    /// <summary>Every session issued so far stops being accepted: their next data request answers 401.</summary>
    public event Action? SessionsExpired;

    public void ExpireSessions() => SessionsExpired?.Invoke();

    /// <summary>The next <paramref name="requests"/> data requests first expire every session (an expiry mid-flow, several times).</summary>
    public void ExpireSessionsBefore(int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        lock (gate)
        {
            sessionsToExpire += requests;
        }
    }

    /// <summary>Data requests answer 403 REQUEST_LIMIT_EXCEEDED until <see cref="ResetDailyLimit"/>.</summary>
    public void ReachDailyLimit()
    {
        lock (gate)
        {
            limitReached = true;
        }
    }

    public void ResetDailyLimit()
    {
        lock (gate)
        {
            limitReached = false;
        }
    }

    /// <summary>The next <paramref name="requests"/> data requests answer 503 Service Unavailable.</summary>
    public void ServiceUnavailable(int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        lock (gate)
        {
            unavailable += requests;
        }
    }

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

    public void Clear()
    {
        lock (gate)
        {
            (unavailable, down, limitReached, sessionsToExpire) = (0, false, false, 0);
        }
    }

    internal bool LimitReached
    {
        get
        {
            lock (gate)
            {
                return limitReached;
            }
        }
    }

    /// <summary>Whether this data request is answered 503 (an outage or a queued fault).</summary>
    internal bool TakeUnavailable()
    {
        lock (gate)
        {
            if (down)
            {
                return true;
            }

            if (unavailable > 0)
            {
                unavailable--;
                return true;
            }

            return false;
        }
    }

    internal bool TakeSessionExpiry()
    {
        lock (gate)
        {
            if (sessionsToExpire == 0)
            {
                return false;
            }

            sessionsToExpire--;
            return true;
        }
    }
}
