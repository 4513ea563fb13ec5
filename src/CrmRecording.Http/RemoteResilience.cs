using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CrmRecording.Http;

/// <summary>
/// The one resilience pipeline every remote's requests go through, outermost first: retry (honouring
/// <c>Retry-After</c>, else exponential back-off with jitter), circuit breaker, attempt timeout. A client runs its
/// send inside it with <see cref="SendAsync"/>, stating whether that request is safe to repeat; which outcomes are
/// retried is the remote's <see cref="RetryRule"/>. Waits and timeouts run on the given <see cref="TimeProvider"/>.
/// </summary>
public static class RemoteResilience
{
    private static readonly ResiliencePropertyKey<bool> SafeToRepeat = new("CrmRecording.Http.SafeToRepeat");

    public static ResiliencePipeline<HttpResponseMessage> Build(RemoteResilienceOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            var random = options.Randomizer ?? Random.Shared.NextDouble;
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, time)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    (args.Outcome.Result is { } response ? RetryDelay.FromHeader(response, time) : null)
                    ?? RetryDelay.Exponential(args.AttemptNumber, options.FirstDelay, options.MaxDelay, options.Jitter ? random() : null)),
            });
        }

        if (options.CircuitBreaker is { } breaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
            });
        }

        if (options.AttemptTimeout is { } timeout)
        {
            builder.AddTimeout(timeout);
        }

        return builder.Build();
    }

    /// <summary>
    /// Runs <paramref name="send"/> (one attempt, a fresh request each time) through the pipeline. Throws what the last
    /// attempt threw, <see cref="TimeoutRejectedException"/> when it timed out, or <see cref="BrokenCircuitException"/>
    /// when the circuit is open and nothing was sent.
    /// </summary>
    public static async ValueTask<HttpResponseMessage> SendAsync(
        this ResiliencePipeline<HttpResponseMessage> pipeline,
        bool safeToRepeat,
        Func<CancellationToken, ValueTask<HttpResponseMessage>> send,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(send);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(SafeToRepeat, safeToRepeat);
            return await pipeline.ExecuteAsync(static (ctx, send) => send(ctx.CancellationToken), context, send).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, RemoteResilienceOptions options, TimeProvider time)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var safe = context.Properties.GetValue(SafeToRepeat, false);
        if (outcome.Result is { } response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => WithinLongest(response, options, time),
                HttpStatusCode.ServiceUnavailable when options.Rule == RetryRule.ThrottlesAndUnavailable => WithinLongest(response, options, time),
                HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout
                    => options.Rule == RetryRule.ThrottlesAndSafeRepeats && safe,
                _ => false,
            };
        }

        // HttpClient reports its own timeout as a cancellation; the caller's cancellation was ruled out above.
        return options.Rule == RetryRule.ThrottlesAndSafeRepeats && safe
            && outcome.Exception is HttpRequestException or TimeoutRejectedException or OperationCanceledException;
    }

    private static bool WithinLongest(HttpResponseMessage response, RemoteResilienceOptions options, TimeProvider time) =>
        (RetryDelay.FromHeader(response, time) ?? TimeSpan.Zero) <= options.LongestRetryAfter;

    /// <summary>What counts towards opening the circuit: a remote that is down or hangs; a throttle is an answer, not a failure.</summary>
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests
        && (HttpClientResiliencePredicates.IsTransient(outcome) || outcome.Exception is OperationCanceledException);
}
