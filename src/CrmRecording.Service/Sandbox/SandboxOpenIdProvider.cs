using CrmRecording.Emulators.OpenId;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// A sandbox identity provider: a local OpenID stand-in started with the service, whose sign-in page lists the users
/// <see cref="ReadUsers"/> gives. The service is registered with it as a confidential client with a secret generated at
/// start; once the service listens, its callback addresses become the client's redirect URIs — so the pages sign in
/// through exactly the code that signs in with the real provider.
/// </summary>
internal abstract partial class SandboxOpenIdProvider(string scheme, IServer server, IHostApplicationLifetime lifetime, ILogger log, Guid tenantId)
    : IHostedService, IPostConfigureOptions<OpenIdConnectOptions>, IAsyncDisposable
{
    public const string ClientId = "crmrecording-pages";

    private readonly OpenIdStandIn _standIn = new(new OpenIdStandInOptions { TenantId = tenantId });

    /// <summary>Fresh per start: a secret known from the source would let anyone redeem the sandbox's codes.</summary>
    public string ClientSecret { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public OpenIdStandIn StandIn => _standIn;

    /// <summary>The provider's issuer; valid once started.</summary>
    public string Authority => _standIn.Issuer;

    /// <summary>The path the provider answers the service at.</summary>
    protected abstract string CallbackPath { get; }

    /// <summary>Points the scheme's OpenID Connect client at this provider's discovery document, read once it has started.</summary>
    public void PostConfigure(string? name, OpenIdConnectOptions options)
    {
        if (name != scheme || !string.IsNullOrEmpty(options.Authority) || options.ConfigurationManager is not null)
        {
            return;
        }

        options.ConfigurationManager = new DeferredOpenIdConfiguration(() => _standIn.MetadataAddress.AbsoluteUri, options.Backchannel);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _standIn.Options.Users = ReadUsers;
        var address = await _standIn.StartAsync(cancellationToken).ConfigureAwait(false);
        SandboxStarted(log, scheme, address);
        lifetime.ApplicationStarted.Register(RegisterClient);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _standIn.DisposeAsync().AsTask();

    public ValueTask DisposeAsync() => _standIn.DisposeAsync();

    /// <summary>Who may sign in, read at each sign-in.</summary>
    protected abstract IReadOnlyList<OpenIdUser> ReadUsers();

    private void RegisterClient()
    {
        var callbacks = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .SelectMany(CallbackUris)
            .Distinct()
            .ToList();
        _standIn.RegisterClient(new OpenIdClient(ClientId, ClientSecret, callbacks));
        ClientRegistered(log, scheme, callbacks.Count);
    }

    /// <summary>A loopback listener is reached as 127.0.0.1 and as localhost; both are registered.</summary>
    private IEnumerable<Uri> CallbackUris(string listening)
    {
        var address = new Uri(listening);
        string[] hosts = address.Host is "0.0.0.0" or "[::]" or "127.0.0.1" or "localhost" or "[::1]"
            ? ["127.0.0.1", "localhost", "[::1]"]
            : [address.Host];
        return hosts.Select(host => new UriBuilder(address.Scheme, host, address.Port, CallbackPath).Uri);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox OpenID provider ({Scheme}, sign-in for pages) listening on {Address}")]
    private static partial void SandboxStarted(ILogger logger, string scheme, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox: the pages' sign-in ({Scheme}) registered with {Count} callback addresses")]
    private static partial void ClientRegistered(ILogger logger, string scheme, int count);
}
