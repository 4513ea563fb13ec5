using CrmRecording.Dataverse;
using CrmRecording.Dataverse.Authentication;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Testing.Http;

namespace CrmRecording.Emulators.Tests.Dataverse.Client;

/// <summary>The production <see cref="DataverseClient"/>, configured as the service configures it for the stand-in, on a started stand-in.</summary>
internal sealed class ClientSession : IAsyncDisposable
{
    private readonly HttpClient http;

    private ClientSession(DataverseStandIn standIn, HttpClient http, DataverseClient client, JumpingTime time)
    {
        StandIn = standIn;
        this.http = http;
        Client = client;
        Time = time;
    }

    public DataverseStandIn StandIn { get; }

    public DataverseClient Client { get; }

    /// <summary>The client's clock: waits (Retry-After) end at once and are remembered.</summary>
    public JumpingTime Time { get; }

    public static async Task<ClientSession> StartAsync(DataverseStandInOptions? standInOptions = null, Action<DataverseClientOptions>? configure = null)
    {
        var standIn = new DataverseStandIn(standInOptions);
        await standIn.StartAsync();
        var options = new DataverseClientOptions { EnvironmentUrl = standIn.BaseAddress, StaticAccessToken = standIn.Options.BearerToken };
        configure?.Invoke(options);
        var time = new JumpingTime(TimeProvider.System.GetUtcNow());
        var http = new HttpClient();
        var client = new DataverseClient(http, new StaticDataverseTokenSource(standIn.Options.BearerToken), options, time);
        return new ClientSession(standIn, http, client, time);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await StandIn.DisposeAsync();
    }
}
