namespace CrmRecording.Telephony.Http;

/// <summary>What a throttled response asks for in <c>Retry-After</c>.</summary>
internal static class RetryDelay
{
    /// <summary>Retry-After in seconds or as an HTTP date; null when absent.</summary>
    public static TimeSpan? FromHeader(HttpResponseMessage response, TimeProvider time)
    {
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
