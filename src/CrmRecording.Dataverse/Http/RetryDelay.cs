namespace CrmRecording.Dataverse.Http;

/// <summary>How long to wait before sending a throttled (429) or unavailable (503) request again.</summary>
internal static class RetryDelay
{
    /// <summary>Retry-After in seconds (what Dataverse sends) or as an HTTP date; null when absent.</summary>
    public static TimeSpan? FromHeader(HttpResponseMessage response, TimeProvider time)
    {
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>Without Retry-After: 2, 4, 8... seconds, as in Microsoft's Web API retry sample.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt + 1));
}
