using System.Net;
using Polly;
using Polly.Retry;

namespace CrmRecording.Telephony.Http;

/// <summary>
/// When a request is sent again. A 429 means Twilio refused the request before acting on it, so every request
/// is retried after it (honouring Retry-After). A 5xx, a timeout or a broken connection leaves it unknown whether
/// Twilio acted: only idempotent requests (GET, DELETE, setting a recording's status, hanging up) are retried then.
/// Creating a call or starting a recording is never retried on those, because a second attempt could place a
/// second call to the customer or start a second recording; the caller gets the <see cref="TwilioException"/>.
/// </summary>
internal static class TwilioRetryPipeline
{
    /// <summary>A throttle asking for longer than this is not waited out inside one request; the caller sees it.</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(1);

    public static ResiliencePipeline<HttpResponseMessage> Build(int maxRetries, bool idempotent, TimeProvider time, Func<double>? randomizer = null)
    {
        if (maxRetries == 0)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = maxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, idempotent, time, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryDelay.FromHeader(response, time) : null),
        };
        if (randomizer is not null)
        {
            retry.Randomizer = randomizer;
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddRetry(retry).Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool idempotent, TimeProvider time, CancellationToken cancellationToken)
    {
        if (outcome.Result is { } response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => (RetryDelay.FromHeader(response, time) ?? TimeSpan.Zero) <= LongestRetryAfter,
                HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => idempotent,
                _ => false,
            };
        }

        return outcome.Exception switch
        {
            HttpRequestException => idempotent,
            // HttpClient reports its own timeout as a cancellation; the caller's cancellation is never retried.
            OperationCanceledException => idempotent && !cancellationToken.IsCancellationRequested,
            _ => false,
        };
    }
}
