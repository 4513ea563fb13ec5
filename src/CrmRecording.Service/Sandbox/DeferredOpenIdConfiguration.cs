using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The standard discovery client (document and keys fetched over HTTP, cached, refreshed), created on the first
/// sign-in rather than when the handler's options are built: the authentication middleware builds them on the
/// first request of any kind, and the sandbox provider's address is known only once it has started.
/// </summary>
internal sealed class DeferredOpenIdConfiguration(Func<string> metadataAddress, HttpClient backchannel) : IConfigurationManager<OpenIdConnectConfiguration>
{
    private readonly Lazy<ConfigurationManager<OpenIdConnectConfiguration>> _inner = new(() => new ConfigurationManager<OpenIdConnectConfiguration>(
        metadataAddress(), new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(backchannel) { RequireHttps = false }));

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) => _inner.Value.GetConfigurationAsync(cancel);

    public void RequestRefresh() => _inner.Value.RequestRefresh();
}
