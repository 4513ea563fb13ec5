using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// The SDK's retry policy (exponential back-off, <c>Retry-After</c> honoured), except that a service asking to
/// wait longer than <paramref name="maxDelay"/> is not retried: unwrapping a data key sits in front of a
/// playback, which fails fast rather than stalls for minutes.
/// </summary>
internal sealed class BoundedRetryPolicy(int maxRetries, TimeSpan delay, TimeSpan maxDelay)
    : RetryPolicy(maxRetries, DelayStrategy.CreateExponentialDelayStrategy(delay, maxDelay))
{
    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        base.ShouldRetry(message, exception) && !AsksTooLong(message);

    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        await base.ShouldRetryAsync(message, exception).ConfigureAwait(false) && !AsksTooLong(message);

    private bool AsksTooLong(HttpMessage message) => message.HasResponse && RetryAfter(message.Response) > maxDelay;

    /// <summary>The wait a response asks for (<c>Retry-After</c> in seconds), or null.</summary>
    public static TimeSpan? RetryAfter(Response response) =>
        response.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
