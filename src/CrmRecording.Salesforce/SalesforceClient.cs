using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CrmRecording.Http;
using CrmRecording.Salesforce.Authentication;
using CrmRecording.Salesforce.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CrmRecording.Salesforce;

/// <summary>
/// The Salesforce REST API for what the product reads and writes: contacts, leads, opportunities, users, their
/// roles and custom permissions, call tasks and the package's records. Tokens come from the org's token endpoint
/// (client credentials or JWT bearer) and are kept until refused; every data request goes to the session's
/// <c>instance_url</c>. A 401 INVALID_SESSION_ID gets a new session and is sent once more; a 503 or an API limit
/// is not retried here but thrown with <see cref="SalesforceException.RetryAfter"/>, so the caller's queue waits; a
/// remote that keeps failing opens the shared <see cref="RemoteResilience"/> pipeline's circuit, and requests then fail
/// at once with the break's length as their Retry-After.
/// Use it as a typed <see cref="HttpClient"/> client.
/// </summary>
public sealed partial class SalesforceClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonUtf8 = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient http;
    private readonly SalesforceClientOptions options;
    private readonly TimeProvider time;
    private readonly TokenEndpoint tokenEndpoint;
    private readonly TokenCache<SalesforceSession> sessions;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private ApiUsage? lastApiUsage;

    public SalesforceClient(HttpClient http, SalesforceClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.ThrowIfInvalid();
        this.http = http;
        this.options = options;
        this.time = time;
        tokenEndpoint = new TokenEndpoint(http, options, time);
        sessions = new TokenCache<SalesforceSession>(tokenEndpoint.RequestAsync, session => session.ObtainedAt + options.SessionMaxAge, time);
        pipeline = RemoteResilience.Build(new RemoteResilienceOptions { MaxRetries = 0 }, time);
    }

    /// <summary>The org's API usage as the last response's <c>Sforce-Limit-Info</c> stated it; null before the first.</summary>
    public ApiUsage? LastApiUsage => Volatile.Read(ref lastApiUsage);

    /// <summary>The session in use, obtaining one if needed (the org id and the user the service runs as are on it).</summary>
    public Task<SalesforceSession> GetSessionAsync(CancellationToken cancellationToken = default) => sessions.GetAsync(cancellationToken);

    public void Dispose() => tokenEndpoint.Dispose();

    internal string Api(string relative) => options.ApiPath + relative;

    /// <summary>Sends the request; a refused session is replaced once. Returns a success (or an allowed 404) or throws.</summary>
    private async Task<HttpResponseMessage> SendAsync(SalesforceRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
            var response = await SendOnceAsync(session, request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || (request.NotFoundIsAnswer && response.StatusCode == HttpStatusCode.NotFound))
            {
                return response;
            }

            using (response)
            {
                var error = await SalesforceErrorReader.ReadAsync(response, options, time, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 0)
                {
                    throw error;
                }

                // The session expired or was revoked (INVALID_SESSION_ID): sign in again and send once more.
                sessions.Invalidate(session);
            }
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(SalesforceSession session, SalesforceRequest request, CancellationToken cancellationToken)
    {
        var uri = new Uri(session.InstanceUrl, request.PathAndQuery);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.SendAsync(safeToRepeat: false, token => SendMessageAsync(session, request, uri, token), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SalesforceException(0, null, $"{request.Method} {uri.AbsolutePath} failed: {e.Message}", retryAfter: options.UnavailableRetryDelay, innerException: e);
        }
        catch (BrokenCircuitException e)
        {
            throw new SalesforceException(0, null, $"{request.Method} {uri.AbsolutePath} was not sent: Salesforce failed repeatedly and is left alone for a while.", retryAfter: e.RetryAfter ?? options.UnavailableRetryDelay, innerException: e);
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SalesforceException(0, null, $"{request.Method} {uri.AbsolutePath} timed out after {http.Timeout.TotalSeconds:0} s.", retryAfter: options.UnavailableRetryDelay, innerException: e);
        }

        if (response.Headers.TryGetValues("Sforce-Limit-Info", out var values) && ApiUsage.FromHeader(string.Join(", ", values)) is { } usage)
        {
            Volatile.Write(ref lastApiUsage, usage);
            usage.Record(session.InstanceUrl.Host);
        }

        return response;
    }

    private async ValueTask<HttpResponseMessage> SendMessageAsync(SalesforceSession session, SalesforceRequest request, Uri uri, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, uri);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = JsonUtf8;
        }

        return await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonNode?> SendForJsonAsync(SalesforceRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.NoContent)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new SalesforceException((int)response.StatusCode, null, $"The response is not valid JSON: {e.Message}", innerException: e);
        }
    }

    private static void ThrowIfBadObjectName(string name, string paramName)
    {
        // API names are letters, digits and underscores (custom ones end in __c): nothing that could leave the path segment.
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not an API name.", paramName);
        }
    }
}
