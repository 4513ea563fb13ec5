using CrmRecording.Testing.Http;

namespace CrmRecording.Salesforce.Tests.Support;

/// <summary>A <see cref="SalesforceClient"/> (client credentials) over the stub transport and a fake clock.</summary>
internal sealed class SalesforceHarness : IDisposable
{
    public const string Login = "https://acme.my.salesforce.com";
    public const string Instance = "https://acme-data.my.salesforce.com";
    public const string Api = Instance + "/services/data/v66.0/";

    private readonly HttpClient http;

    public SalesforceHarness(Action<SalesforceClientOptions>? configure = null)
    {
        var options = ValidOptions();
        configure?.Invoke(options);
        Time = new JumpingTime(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        http = new HttpClient(Handler);
        Client = new SalesforceClient(http, options, Time);
    }

    public StubHttpHandler Handler { get; } = new();

    public JumpingTime Time { get; }

    public SalesforceClient Client { get; }

    /// <summary>Requests to the instance, after the token request(s).</summary>
    public IReadOnlyList<RecordedRequest> DataRequests => [.. Handler.Requests.Where(r => r.Uri.StartsWith(Instance, StringComparison.Ordinal))];

    public static SalesforceClientOptions ValidOptions() => new()
    {
        LoginUrl = new Uri(Login),
        ClientId = "3MVG9-consumer-key",
        ClientSecret = "consumer-secret",
    };

    /// <summary>Queues a token answer (token-1 by default) followed by <paramref name="replies"/>.</summary>
    public SalesforceHarness WithSession(params Func<HttpResponseMessage>[] replies)
    {
        Handler.Reply(() => Responses.Token("token-1"));
        foreach (var reply in replies)
        {
            Handler.Reply(reply);
        }

        return this;
    }

    public void Dispose()
    {
        Client.Dispose();
        http.Dispose();
        Handler.Dispose();
    }
}
