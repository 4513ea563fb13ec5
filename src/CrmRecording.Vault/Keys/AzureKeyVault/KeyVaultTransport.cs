using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Azure.Core;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// Sends one Key Vault call: attaches the bearer token, answers a 401 challenge once, retries 429/503/504
/// a bounded number of times (honouring <c>Retry-After</c>), and turns every other outcome into a
/// <see cref="KeyVaultRequestFailedException"/>. Cancellation by the caller always propagates as such.
/// </summary>
internal sealed partial class KeyVaultTransport
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http;
    private readonly BearerTokenCache _tokens;
    private readonly Uri _vault;
    private readonly int _maxRetries;
    private readonly TimeSpan _maxRetryDelay;
    private readonly TimeProvider _time;

    // Where tokens are asked for: the data-plane audience, and the tenant once a challenge has named it.
    private TokenTarget _target;

    public KeyVaultTransport(HttpClient http, TokenCredential credential, Uri vault, int maxRetries, TimeSpan maxRetryDelay, TimeProvider time)
    {
        _http = http;
        _tokens = new BearerTokenCache(credential, time);
        _vault = vault;
        _maxRetries = maxRetries;
        _maxRetryDelay = maxRetryDelay;
        _time = time;
        _target = new TokenTarget(DefaultScope(vault), TenantId: null);
    }

    public static bool IsManagedHsm(Uri vault) => vault.Host.EndsWith(".managedhsm.azure.net", StringComparison.OrdinalIgnoreCase);

    // Public-cloud audiences; a vault in another cloud names its own in the 401 challenge, which is then adopted.
    private static string DefaultScope(Uri vault) =>
        IsManagedHsm(vault) ? "https://managedhsm.azure.net/.default" : "https://vault.azure.net/.default";

    public async Task<T> SendAsync<T>(Func<HttpRequestMessage> createRequest, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
        where T : class
    {
        var challengeAnswered = false;
        var retries = 0;
        while (true)
        {
            var target = Volatile.Read(ref _target);
            var token = await GetTokenAsync(target, cancellationToken).ConfigureAwait(false);
            using var request = createRequest();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Add("x-ms-client-request-id", Guid.NewGuid().ToString());

            using var response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return await ReadAsync(response, responseType, cancellationToken).ConfigureAwait(false);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !challengeAnswered)
            {
                // The token may have been revoked, or the vault lives in another tenant or cloud: the challenge says which.
                challengeAnswered = true;
                _tokens.Invalidate(token);
                AdoptChallenge(BearerChallenge.From(response.Headers), target);
                continue;
            }

            if (IsTransient(response.StatusCode) && retries < _maxRetries && RetryDelay(response, retries) is { } delay)
            {
                retries++;
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw await FailureAsync(response, retries, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> GetTokenAsync(TokenTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await _tokens.GetAsync(target.Scope, target.TenantId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Credentials throw types from packages this one does not reference (Azure.Identity's
            // AuthenticationFailedException, CredentialUnavailableException, MSAL's exceptions): all mean "no token".
            throw new KeyVaultRequestFailedException($"No access token could be obtained for scope {target.Scope}: {ex.GetType().Name}.", inner: ex);
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new KeyVaultRequestFailedException($"{_vault.Host} could not be reached: {ex.HttpRequestError}.", inner: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KeyVaultRequestFailedException($"{_vault.Host} did not answer within {_http.Timeout.TotalSeconds:0} s.", inner: ex);
        }
    }

    private void AdoptChallenge(BearerChallenge? challenge, TokenTarget current)
    {
        if (challenge is null)
        {
            return;
        }

        var scope = challenge.ScopeFor(_vault) ?? current.Scope;
        Interlocked.CompareExchange(ref _target, new TokenTarget(scope, challenge.TenantId ?? current.TenantId), current);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>How long to wait before retry number <paramref name="retries"/> + 1; null when the service asks for longer than we will wait.</summary>
    private TimeSpan? RetryDelay(HttpResponseMessage response, int retries)
    {
        var asked = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };

        if (asked is { } wait)
        {
            return wait <= _maxRetryDelay ? (wait < TimeSpan.Zero ? TimeSpan.Zero : wait) : null;
        }

        var backoff = FirstBackoff * Math.Pow(2, retries);
        return backoff < _maxRetryDelay ? backoff : _maxRetryDelay;
    }

    private sealed record TokenTarget(string Scope, string? TenantId);
}
