namespace CrmRecording.Dataverse.Http;

/// <summary>
/// The one gate every request of a client (one user of one environment) passes: after a 429 no request leaves
/// until its Retry-After has run out, whichever caller was told; Dataverse counts every request sent into a
/// throttle against the user and may lengthen it.
/// </summary>
internal sealed class ThrottleGate(TimeProvider time)
{
    private readonly Lock gate = new();
    private DateTimeOffset closedUntil = DateTimeOffset.MinValue;

    public DateTimeOffset ClosedUntil
    {
        get
        {
            lock (gate)
            {
                return closedUntil;
            }
        }
    }

    /// <summary>Waits until no known Retry-After is running.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = ClosedUntil - time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The server answered 429 with <paramref name="retryAfter"/>: close the gate for every caller until then.</summary>
    public void Close(TimeSpan retryAfter)
    {
        var until = time.GetUtcNow() + retryAfter;
        lock (gate)
        {
            closedUntil = until > closedUntil ? until : closedUntil;
        }
    }
}
