using CrmRecording.Service.Telemetry;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Remotes;

/// <summary>
/// Every remote's <see cref="HttpClient"/> comes from <see cref="IHttpClientFactory"/> under the remote's name: one
/// pooled connection handler each, recycled every five minutes so DNS changes are seen, and, for the CRMs and Twilio,
/// the telemetry handler that counts their failures. Retries, attempt timeouts and circuit breaking are not here:
/// each client runs its requests through the shared <c>RemoteResilience</c> pipeline (the Azure SDKs through their own
/// retry policy), because which requests may be sent again is the remote's rule, not the transport's.
/// </summary>
internal static class RemoteHttpClients
{
    public const string Dataverse = "dataverse";
    public const string Salesforce = "salesforce";
    public const string Twilio = "twilio";
    public const string AzureBlob = "azure-blob";
    public const string KeyVault = "azure-keyvault";
    public const string OpenId = "openid";

    public static IServiceCollection AddRemoteHttpClients(this IServiceCollection services)
    {
        // Twilio's media downloads and a blob's block upload are long; a CRM request is not.
        Add(services, Dataverse, TimeSpan.FromSeconds(50), counted: true);
        Add(services, Salesforce, TimeSpan.FromSeconds(50), counted: true);
        Add(services, Twilio, TimeSpan.FromMinutes(10), counted: true);
        Add(services, AzureBlob, TimeSpan.FromMinutes(10), counted: false);
        Add(services, KeyVault, TimeSpan.FromSeconds(30), counted: false);
        // Every sign-in's and bearer scheme's discovery document and signing keys (Entra ID, Salesforce, the sandbox's
        // provider) are fetched through one named client; set before the handlers' own post-configuration, which
        // would otherwise build a bare HttpClient per scheme.
        Add(services, OpenId, TimeSpan.FromSeconds(60), counted: false);
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>>(sp => new ConfigureNamedOptions<OpenIdConnectOptions>(null, o => o.Backchannel ??= MetadataClient(sp)));
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>>(sp => new ConfigureNamedOptions<JwtBearerOptions>(null, o => o.Backchannel ??= MetadataClient(sp)));
        return services;
    }

    /// <summary>The named client; the singletons that hold it keep one handler for their life (see <see cref="Add"/>).</summary>
    public static HttpClient RemoteHttpClient(this IServiceProvider services, string remote) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(remote);

    private static HttpClient MetadataClient(IServiceProvider services)
    {
        var client = services.RemoteHttpClient(OpenId);
        // What the handlers set on the client they would have built: discovery documents and key sets are small.
        client.MaxResponseContentBufferSize = 10 * 1024 * 1024;
        return client;
    }

    private static void Add(IServiceCollection services, string remote, TimeSpan timeout, bool counted)
    {
        var builder = services.AddHttpClient(remote, client => client.Timeout = timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // The clients are singletons holding their HttpClient: the pooled handler's connection lifetime, not the
            // factory's handler rotation, is what keeps DNS fresh.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        if (counted)
        {
            builder.AddHttpMessageHandler(sp => new RemoteFailureCounter(sp.GetRequiredService<CrmRecordingTelemetry>(), remote));
        }
    }
}
