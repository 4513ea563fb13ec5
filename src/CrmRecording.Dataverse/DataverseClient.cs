using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CrmRecording.Dataverse.Authentication;
using CrmRecording.Dataverse.Http;
using CrmRecording.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CrmRecording.Dataverse;

/// <summary>
/// The Dataverse Web API (OData v4 over HTTPS) for what the product reads and writes: customers,
/// phone calls and their consent evidence, users and their roles. Every request carries the OData
/// headers and a bearer token; throttles (429) and outages (503) are retried after Retry-After through the shared
/// <see cref="RemoteResilience"/> pipeline, waiting on the injected <see cref="TimeProvider"/>; every failure surfaces as a <see cref="DataverseException"/>.
/// Use it as a typed <see cref="HttpClient"/> client.
/// </summary>
public sealed partial class DataverseClient
{
    private static readonly MediaTypeHeaderValue JsonUtf8 = new("application/json") { CharSet = "utf-8" };

    /// <summary>Dataverse's rules: 429 and 503 for every request, Retry-After waited out however long, else 2, 4, 8... s.</summary>
    private static readonly RemoteResilienceOptions Resilience = new()
    {
        Rule = RetryRule.ThrottlesAndUnavailable,
        FirstDelay = TimeSpan.FromSeconds(2),
        MaxDelay = TimeSpan.FromMinutes(5),
        Jitter = false,
        LongestRetryAfter = TimeSpan.MaxValue,
    };

    private readonly HttpClient http;
    private readonly DataverseClientOptions options;
    private readonly TimeProvider time;
    private readonly TokenCache<DataverseAccessToken> tokens;
    private readonly ThrottleGate throttle;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public DataverseClient(HttpClient http, IDataverseTokenSource tokens, DataverseClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.ThrowIfInvalid();
        this.http = http;
        this.options = options;
        this.time = time;
        this.tokens = new TokenCache<DataverseAccessToken>(token => tokens.GetTokenAsync(token).AsTask(), RefreshAt, time);
        throttle = new ThrottleGate(time);
        pipeline = RemoteResilience.Build(Resilience with { MaxRetries = options.MaxRetries }, time);
        ApiBase = options.ApiBase;
    }

    /// <summary>The Web API root every request is relative to, e.g. <c>https://org.crm.dynamics.com/api/data/v9.2/</c>.</summary>
    public Uri ApiBase { get; }

    private Uri Resource(string relative) => new(ApiBase, relative);

    /// <summary>
    /// Sends the request through the shared pipeline, retrying 429 and 503; returns a success (or an allowed 404) or
    /// throws. A 429's Retry-After closes the client's gate, so none of its requests is sent into a known throttle.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(ODataRequest request, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var waitedOut = 0L;
        HttpResponseMessage response;
        try
        {
            response = await pipeline.SendAsync(safeToRepeat: false, async token =>
            {
                await throttle.PassAsync(waitedOut, token).ConfigureAwait(false);
                var answer = await SendOnceAsync(request, token).ConfigureAwait(false);
                if (answer.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // The pipeline waits this closure out for this request; the gate holds every other one meanwhile.
                    waitedOut = throttle.Close(RetryDelay.FromHeader(answer, time) ?? Backoff(attempt));
                }

                attempt++;
                return answer;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DataverseException(0, null, $"{request.Method} {request.Uri.AbsolutePath} failed: {e.Message}", null, null, e);
        }
        catch (BrokenCircuitException e)
        {
            throw new DataverseException(0, null, $"{request.Method} {request.Uri.AbsolutePath} was not sent: Dataverse failed repeatedly and is left alone for a while.", null, e.RetryAfter, e);
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DataverseException(0, null, $"{request.Method} {request.Uri.AbsolutePath} timed out after {http.Timeout.TotalSeconds:0} s.", null, null, e);
        }

        if (response.IsSuccessStatusCode || (request.NotFoundIsAnswer && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }

        using (response)
        {
            var retryAfter = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable ? RetryDelay.FromHeader(response, time) : null;
            throw await DataverseErrorReader.ReadAsync(response, retryAfter, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Without Retry-After: 2, 4, 8... seconds, as in Microsoft's Web API retry sample.</summary>
    private static TimeSpan Backoff(int attempt) => RetryDelay.Exponential(attempt, Resilience.FirstDelay, Resilience.MaxDelay);

    private async Task<HttpResponseMessage> SendOnceAsync(ODataRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.Add("OData-MaxVersion", "4.0");
        message.Headers.Add("OData-Version", "4.0");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetTokenAsync(cancellationToken).ConfigureAwait(false));
        if (request.Prefer is not null)
        {
            message.Headers.Add("Prefer", request.Prefer);
        }

        if (request.IfMatchAny)
        {
            message.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = request.ContentType is null ? JsonUtf8 : MediaTypeHeaderValue.Parse(request.ContentType);
        }

        return await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await tokens.GetAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The token source is pluggable (MSAL, the stand-in's static token, a host's own): whatever it throws,
            // the caller sees the one Dataverse failure type, with the cause kept as the inner exception.
            throw new DataverseException(0, null, $"No access token for {options.Root}: {e.Message}", null, null, e);
        }
    }

    /// <summary>A token is handed out until five minutes before it expires, so no request carries one that lapses in flight.</summary>
    private static DateTimeOffset RefreshAt(DataverseAccessToken token) =>
        token.ExpiresOn == DateTimeOffset.MaxValue ? DateTimeOffset.MaxValue : token.ExpiresOn - TimeSpan.FromMinutes(5);

    private async Task<JsonDocument?> GetJsonAsync(Uri uri, bool notFoundIsNull, CancellationToken cancellationToken, string? prefer = null)
    {
        using var response = await SendAsync(new ODataRequest(HttpMethod.Get, uri) { NotFoundIsAnswer = notFoundIsNull, Prefer = prefer }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new DataverseException((int)response.StatusCode, null, $"The response is not valid JSON: {e.Message}", DataverseErrorReader.RequestId(response), null, e);
            }
        }
    }

    private static void ThrowIfEmpty(Guid id, string paramName)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("The id must not be the empty GUID.", paramName);
        }
    }
}
