using CrmRecording.Testing.Http;

namespace CrmRecording.Dataverse.Tests.Support;

/// <summary>A <see cref="DataverseClient"/> over the stub transport, a fake clock and a counting token source.</summary>
internal sealed class ClientHarness : IDisposable
{
    public const string Api = "https://org.crm.dynamics.com/api/data/v9.2/";

    private readonly HttpClient http;

    public ClientHarness(Action<DataverseClientOptions>? configure = null, bool frozenTime = false)
    {
        var options = ValidOptions();
        configure?.Invoke(options);
        Time = new JumpingTime(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)) { Frozen = frozenTime };
        Tokens = new CountingTokenSource(Time);
        http = new HttpClient(Handler);
        Client = new DataverseClient(http, Tokens, options, Time);
    }

    public StubHttpHandler Handler { get; } = new();

    public JumpingTime Time { get; }

    public CountingTokenSource Tokens { get; }

    public DataverseClient Client { get; }

    public RecordedRequest Single => Assert.Single(Handler.Requests);

    public static DataverseClientOptions ValidOptions() => new()
    {
        EnvironmentUrl = new Uri("https://org.crm.dynamics.com"),
        TenantId = "contoso.onmicrosoft.com",
        ClientId = "11111111-2222-3333-4444-555555555555",
        ClientSecret = "not-used-by-the-client",
    };

    /// <summary>Every request carries these, as "Compose HTTP requests and handle errors" asks.</summary>
    public static void AssertODataHeaders(RecordedRequest request, string token = "token-1")
    {
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal("4.0", request.Header("OData-MaxVersion"));
        Assert.Equal("4.0", request.Header("OData-Version"));
        Assert.Equal($"Bearer {token}", request.Header("Authorization"));
    }

    public static void AssertJsonBody(RecordedRequest request, string expectedJson)
    {
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(JsonText.Minify(expectedJson), request.Body);
    }

    public void Dispose()
    {
        http.Dispose();
        Handler.Dispose();
    }
}
