using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CrmRecording.Http;
using CrmRecording.Telephony.Http;
using CrmRecording.Telephony.Lookup;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CrmRecording.Telephony;

/// <summary>
/// Twilio's REST API (<c>/2010-04-01</c>) and Lookup v2 for what the product does with calls: place them,
/// redirect or end them, start, pause, resume and stop their recordings, fetch, download and delete the
/// recordings, and look up a number's line type. Every request carries HTTP Basic credentials (API key or
/// account SID and auth token). Requests go through the shared <see cref="RemoteResilience"/> pipeline: a 429 means
/// Twilio refused the request before acting on it, so every request is retried after it (honouring Retry-After); a
/// 5xx, a timeout or a broken connection leaves it unknown whether Twilio acted, so only idempotent requests (GET,
/// DELETE, setting a recording's status, hanging up) are retried then. Creating a call or starting a recording is
/// never retried on those, because a second attempt could place a second call to the customer or start a second
/// recording. Every failure surfaces as a <see cref="TwilioException"/>. Use it as a typed <see cref="HttpClient"/> client.
/// </summary>
public sealed partial class TwilioClient
{
    /// <summary>The most numbers whose line type is kept in memory.</summary>
    internal const int LookupCacheCapacity = 10_000;

    private readonly HttpClient http;
    private readonly TwilioClientOptions options;
    private readonly TimeProvider time;
    private readonly AuthenticationHeaderValue authorization;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly SingleFlightCache<string, LineTypeInfo> lineTypes;
    private readonly Uri apiBase;
    private readonly Uri lookupBase;

    public TwilioClient(HttpClient http, TwilioClientOptions options, TimeProvider time)
        : this(http, options, time, randomizer: null)
    {
    }

    /// <summary>With a fixed jitter source, so tests can state the backoff exactly.</summary>
    internal TwilioClient(HttpClient http, TwilioClientOptions options, TimeProvider time, Func<double>? randomizer)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.ThrowIfInvalid();
        this.http = http;
        this.options = options;
        this.time = time;
        var credential = options.UsesApiKey ? $"{options.ApiKeySid}:{options.ApiKeySecret}" : $"{options.AccountSid}:{options.AuthToken}";
        authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential)));
        pipeline = RemoteResilience.Build(new RemoteResilienceOptions { MaxRetries = options.MaxRetries, Randomizer = randomizer }, time);
        lineTypes = new SingleFlightCache<string, LineTypeInfo>(options.LookupCacheDuration, LookupCacheCapacity, time);
        apiBase = WithTrailingSlash(options.ApiBaseUrl);
        lookupBase = WithTrailingSlash(options.LookupBaseUrl);
    }

    /// <summary>The account every <c>/2010-04-01</c> path is under.</summary>
    public string AccountSid => options.AccountSid;

    private Uri Account(string relative) => new(apiBase, $"2010-04-01/Accounts/{options.AccountSid}/{relative}");

    /// <summary>Sends the request under its retry rules; returns a success (or an allowed 404) or throws <see cref="TwilioException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(TwilioRequest request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await pipeline.SendAsync(request.Idempotent, token => SendOnceAsync(request, token), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TwilioException(0, null, $"{request.Label} failed: {e.Message}", null, null, null, e);
        }
        catch (BrokenCircuitException e)
        {
            throw new TwilioException(0, null, $"{request.Label} was not sent: Twilio failed repeatedly and is left alone for a while.", null, null, e.RetryAfter, e);
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TwilioException(0, null, $"{request.Label} timed out after {http.Timeout.TotalSeconds:0} s.", null, null, null, e);
        }

        if (response.IsSuccessStatusCode || (request.NotFoundIsAnswer && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }

        using (response)
        {
            var retryAfter = response.StatusCode == HttpStatusCode.TooManyRequests ? RetryDelay.FromHeader(response, time) : null;
            throw await TwilioErrorReader.ReadAsync(response, retryAfter, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<HttpResponseMessage> SendOnceAsync(TwilioRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        message.Headers.Authorization = authorization;
        if (request.Completion == HttpCompletionOption.ResponseContentRead)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        if (request.Form is not null)
        {
            message.Content = new FormUrlEncodedContent(request.Form);
        }

        return await http.SendAsync(message, request.Completion, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendForJsonAsync<T>(TwilioRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("The body is JSON null.");
            }
            catch (JsonException e)
            {
                throw new TwilioException((int)response.StatusCode, null, $"{request.Label} returned a body that is not the documented JSON: {e.Message}", null, TwilioErrorReader.RequestId(response), null, e);
            }
        }
    }

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
