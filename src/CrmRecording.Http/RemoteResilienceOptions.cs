namespace CrmRecording.Http;

/// <summary>The retry, attempt timeout and circuit breaker one remote's requests go through.</summary>
public sealed record RemoteResilienceOptions
{
    /// <summary>How many times a request is sent again; 0 sends every request once.</summary>
    public int MaxRetries { get; init; } = 3;

    public RetryRule Rule { get; init; } = RetryRule.ThrottlesAndSafeRepeats;

    /// <summary>The wait before the first retry when the remote names none; it doubles per retry up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the back-off (never a <c>Retry-After</c>) is spread over [half, whole).</summary>
    public bool Jitter { get; init; } = true;

    /// <summary>A throttle asking for longer than this is not waited out inside one request: the caller sees it.</summary>
    public TimeSpan LongestRetryAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one attempt may take on the pipeline's clock; null leaves it to <see cref="HttpClient.Timeout"/>.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Whether a remote that keeps failing is left alone for a while; null sends every request.</summary>
    public CircuitBreakerSettings? CircuitBreaker { get; init; } = new();

    /// <summary>The jitter's source of draws in [0, 1); tests fix it.</summary>
    public Func<double>? Randomizer { get; init; }
}

/// <summary>
/// When the circuit opens: at least <see cref="MinimumThroughput"/> attempts within <see cref="SamplingDuration"/>, of
/// which <see cref="FailureRatio"/> or more failed (5xx, 408, a broken connection or a timed-out attempt; a throttle is
/// not a failure). It then refuses every request for <see cref="BreakDuration"/> and lets one through to probe.
/// </summary>
public sealed record CircuitBreakerSettings
{
    public double FailureRatio { get; init; } = 0.5;

    public int MinimumThroughput { get; init; } = 20;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}
