namespace CrmRecording.Emulators.Dataverse.Limits;

/// <summary>
/// Dataverse's service protection API limits, evaluated per user over a sliding window (Microsoft Learn, "Service
/// protection API limits"): 6,000 requests and 1,200 seconds of combined execution time per 300 seconds, and 52
/// concurrent requests. Off unless <see cref="Enabled"/>, so tests that do not measure throughput are not paced.
/// </summary>
public sealed class ServiceProtectionLimits
{
    public bool Enabled { get; set; }

    /// <summary>Requests a user may make within <see cref="Window"/>.</summary>
    public int MaxRequests { get; set; } = 6_000;

    /// <summary>Combined execution time of a user's requests within <see cref="Window"/>.</summary>
    public TimeSpan MaxExecutionTime { get; set; } = TimeSpan.FromSeconds(1_200);

    /// <summary>Requests of one user being served at the same time.</summary>
    public int MaxConcurrentRequests { get; set; } = 52;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The Retry-After of a refusal for concurrency, which frees as soon as a request ends.</summary>
    public TimeSpan ConcurrencyRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    internal IEnumerable<string> Errors()
    {
        if (MaxRequests < 1)
        {
            yield return $"{nameof(ServiceProtectionLimits)}.{nameof(MaxRequests)} must be at least 1 (got {MaxRequests}).";
        }

        if (MaxExecutionTime <= TimeSpan.Zero)
        {
            yield return $"{nameof(ServiceProtectionLimits)}.{nameof(MaxExecutionTime)} must be positive (got {MaxExecutionTime}).";
        }

        if (MaxConcurrentRequests < 1)
        {
            yield return $"{nameof(ServiceProtectionLimits)}.{nameof(MaxConcurrentRequests)} must be at least 1 (got {MaxConcurrentRequests}).";
        }

        if (Window <= TimeSpan.Zero)
        {
            yield return $"{nameof(ServiceProtectionLimits)}.{nameof(Window)} must be positive (got {Window}).";
        }
    }
}
