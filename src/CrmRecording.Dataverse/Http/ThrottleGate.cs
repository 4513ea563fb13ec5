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
    private long closures;

    /// <summary>
    /// Waits until no known Retry-After is running. <paramref name="waitedOut"/> is a closure (from <see cref="Close"/>)
    /// the caller has already waited out itself: it is not waited for twice.
    /// </summary>
    public async Task PassAsync(long waitedOut, CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset until;
            long closure;
            lock (gate)
            {
                (until, closure) = (closedUntil, closures);
            }

            var wait = until - time.GetUtcNow();
            if (closure == waitedOut || wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            waitedOut = closure;
        }
    }

    /// <summary>The server answered 429 with <paramref name="retryAfter"/>: close the gate for every caller until then.</summary>
    /// <returns>The closure, for the caller that waits it out itself.</returns>
    public long Close(TimeSpan retryAfter)
    {
        var until = time.GetUtcNow() + retryAfter;
        lock (gate)
        {
            closedUntil = until > closedUntil ? until : closedUntil;
            return ++closures;
        }
    }
}
