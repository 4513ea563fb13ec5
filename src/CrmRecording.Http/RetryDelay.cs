namespace CrmRecording.Http;

/// <summary>How long to wait before sending a request again: what the remote asked for, or an exponential back-off.</summary>
public static class RetryDelay
{
    /// <summary><c>Retry-After</c> in seconds or as an HTTP date (read on <paramref name="time"/>); null when absent, never negative.</summary>
    public static TimeSpan? FromHeader(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>
    /// <paramref name="first"/> doubled for each earlier attempt (<paramref name="attempt"/> counts from 0), capped at
    /// <paramref name="max"/>. With <paramref name="jitter"/> (a draw in [0, 1)) the wait falls in [half, whole) of that,
    /// so callers that failed together do not come back together.
    /// </summary>
    public static TimeSpan Exponential(int attempt, TimeSpan first, TimeSpan max, double? jitter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var ticks = Math.Min(first.Ticks * Math.Pow(2, Math.Min(attempt, 62)), max.Ticks);
        if (jitter is { } draw)
        {
            ticks = ticks / 2 + ticks / 2 * Math.Clamp(draw, 0, 1);
        }

        return TimeSpan.FromTicks((long)ticks);
    }
}
