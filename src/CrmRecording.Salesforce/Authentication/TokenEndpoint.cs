using System.Net;
using System.Text.Json;
using CrmRecording.Salesforce.Http;

namespace CrmRecording.Salesforce.Authentication;

/// <summary>
/// <c>POST {LoginUrl}/services/oauth2/token</c>: the client credentials grant (consumer key and secret) or the JWT
/// bearer grant (a signed assertion). The answer's <c>instance_url</c> is where every data request then goes.
/// </summary>
internal sealed class TokenEndpoint(HttpClient http, SalesforceClientOptions options, TimeProvider time) : IDisposable
{
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private readonly JwtAssertion? assertion = options.UsesJwtBearer ? new JwtAssertion(options) : null;

    private Uri Address => new($"{options.LoginRoot}/services/oauth2/token");

    public async Task<SalesforceSession> RequestAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Address) { Content = new FormUrlEncodedContent(Form()) };
        request.Headers.Accept.ParseAdd("application/json");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SalesforceException(0, null, $"The token endpoint {Address.Host} could not be reached: {e.Message}", retryAfter: options.UnavailableRetryDelay, innerException: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SalesforceException(0, null, $"The token endpoint {Address.Host} did not answer in time.", retryAfter: options.UnavailableRetryDelay, innerException: e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await SalesforceErrorReader.ReadAsync(response, options, time, cancellationToken).ConfigureAwait(false);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return Read(body);
        }
    }

    public void Dispose() => assertion?.Dispose();

    private Dictionary<string, string> Form() => assertion is null
        ? new() { ["grant_type"] = "client_credentials", ["client_id"] = options.ClientId!, ["client_secret"] = options.ClientSecret! }
        : new() { ["grant_type"] = JwtBearerGrant, ["assertion"] = assertion.Create(time.GetUtcNow()) };

    private SalesforceSession Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var token = Text(root, "access_token");
            var instance = Text(root, "instance_url");
            if (token is null || instance is null)
            {
                throw Broken("has no access_token or instance_url");
            }

            if (!Uri.TryCreate(instance, UriKind.Absolute, out var instanceUrl) || !SalesforceClientOptions.IsAcceptableEndpoint(instanceUrl))
            {
                // The token goes wherever instance_url points: never to a plain-http or relative address.
                throw Broken($"names an instance_url that is not an https URL ('{instance}')");
            }

            Uri? identity = Text(root, "id") is { } id && Uri.TryCreate(id, UriKind.Absolute, out var idUrl) ? idUrl : null;
            return new SalesforceSession(token, new Uri(instanceUrl.GetLeftPart(UriPartial.Authority)), identity, time.GetUtcNow());
        }
        catch (JsonException e)
        {
            throw new SalesforceException((int)HttpStatusCode.OK, null, $"The token response is not JSON: {e.Message}", innerException: e);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static SalesforceException Broken(string what) => new((int)HttpStatusCode.OK, null, $"The token response {what}.");
}
