using System.Security.Cryptography;
using CrmRecording.Emulators.Salesforce;
using CrmRecording.Salesforce;

namespace CrmRecording.Emulators.Tests.Salesforce;

/// <summary>A started Salesforce stand-in and the production <see cref="SalesforceClient"/> pointed at its login host.</summary>
internal sealed class SalesforceSession : IAsyncDisposable
{
    private readonly HttpClient http = new();

    private SalesforceSession(SalesforceStandIn standIn, RSA key)
    {
        StandIn = standIn;
        Key = key;
    }

    public SalesforceStandIn StandIn { get; }

    /// <summary>The certificate key registered with the stand-in's app for the JWT bearer flow.</summary>
    public RSA Key { get; }

    public SalesforceClient Client { get; private set; } = null!;

    public static async Task<SalesforceSession> StartAsync(Action<SalesforceStandInOptions>? configure = null)
    {
        var key = RSA.Create(2048);
        var options = new SalesforceStandInOptions { JwtSigningKey = key };
        configure?.Invoke(options);
        var standIn = new SalesforceStandIn(options);
        await standIn.StartAsync();
        var session = new SalesforceSession(standIn, key);
        session.Client = session.NewClient();
        return session;
    }

    /// <summary>A client of the stand-in's app: client credentials unless <paramref name="configure"/> switches to JWT bearer.</summary>
    public SalesforceClient NewClient(Action<SalesforceClientOptions>? configure = null)
    {
        var options = new SalesforceClientOptions
        {
            LoginUrl = new Uri(StandIn.LoginAddress.GetLeftPart(UriPartial.Authority)),
            ClientId = StandIn.Options.ClientId,
            ClientSecret = StandIn.Options.ClientSecret,
        };
        configure?.Invoke(options);
        return new SalesforceClient(http, options, TimeProvider.System);
    }

    /// <summary>Switches <paramref name="options"/> to the JWT bearer flow for <paramref name="username"/>, signed with <paramref name="key"/>.</summary>
    public static void JwtBearer(SalesforceClientOptions options, string username, RSA key)
    {
        options.ClientSecret = null;
        options.Username = username;
        options.PrivateKeyPem = key.ExportPkcs8PrivateKeyPem();
    }

    public IEnumerable<string> Soql => StandIn.Requests.All.Select(r => r.Soql).OfType<string>();

    public int TokenRequests => StandIn.Requests.All.Count(r => r.Url.AbsolutePath == "/services/oauth2/token");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        http.Dispose();
        Key.Dispose();
        await StandIn.DisposeAsync();
    }
}
