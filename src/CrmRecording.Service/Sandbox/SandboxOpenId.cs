using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.OpenId;
using CrmRecording.Service.SignIn;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox's identity provider: the local OpenID stand-in, started with the service, whose sign-in page lists
/// the sandbox CRM's users (each with the Entra object id on their CRM row). The service is registered with it as a
/// confidential client with a secret generated at start; once the service listens, its callback addresses become
/// the client's redirect URIs — so the pages sign in through exactly the code that signs in with Entra ID.
/// Registered only in sandbox mode when no <c>Pages:SignIn:Authority</c> is configured.
/// </summary>
internal sealed partial class SandboxOpenId(SandboxDataverse dataverse, IServer server, IHostApplicationLifetime lifetime, IOptions<SignInOptions> signIn, ILogger<SandboxOpenId> log)
    : IHostedService, IPostConfigureOptions<OpenIdConnectOptions>, IAsyncDisposable
{
    public const string ClientId = "crmrecording-pages";

    private readonly OpenIdStandIn _standIn = new(new OpenIdStandInOptions { TenantId = SeedData.TenantId });

    /// <summary>Fresh per start: a secret known from the source would let anyone redeem the sandbox's codes.</summary>
    public string ClientSecret { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public OpenIdStandIn StandIn => _standIn;

    /// <summary>The provider's issuer; valid once started.</summary>
    public string Authority => _standIn.Issuer;

    /// <summary>Points the pages' OpenID Connect client at this provider's discovery document, read once it has started.</summary>
    public void PostConfigure(string? name, OpenIdConnectOptions options)
    {
        if (name != PageSignIn.OpenIdScheme || !string.IsNullOrEmpty(options.Authority) || options.ConfigurationManager is not null)
        {
            return;
        }

        options.ConfigurationManager = new DeferredOpenIdConfiguration(() => _standIn.MetadataAddress.AbsoluteUri, options.Backchannel);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _standIn.Options.Users = ReadUsers;
        var address = await _standIn.StartAsync(cancellationToken).ConfigureAwait(false);
        SandboxStarted(log, address);
        lifetime.ApplicationStarted.Register(RegisterClient);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _standIn.DisposeAsync().AsTask();

    public ValueTask DisposeAsync() => _standIn.DisposeAsync();

    /// <summary>People of the CRM who can sign in: enabled users with an Entra object id, not the application user.</summary>
    private IReadOnlyList<OpenIdUser> ReadUsers() => dataverse.Attached ? [] :
    [
        .. dataverse.StandIn.GetRows("systemusers")
            .Where(row => (bool?)row["isdisabled"] != true && !IsApplicationUser(row))
            .Select(row => (Row: row, Oid: Guid.TryParse((string?)row["azureactivedirectoryobjectid"], out var oid) ? oid : Guid.Empty))
            .Where(u => u.Oid != Guid.Empty && !string.IsNullOrWhiteSpace((string?)u.Row["fullname"]))
            .Select(u => new OpenIdUser(u.Oid, (string)u.Row["fullname"]!, (string?)u.Row["internalemailaddress"] ?? (string?)u.Row["domainname"] ?? u.Oid.ToString("D")))
            .OrderBy(u => u.Name, StringComparer.Ordinal),
    ];

    /// <summary>The service's own identity in the CRM (an application user): nobody signs in as it.</summary>
    private static bool IsApplicationUser(System.Text.Json.Nodes.JsonObject row) =>
        row["applicationid"] is not null || (Guid.TryParse((string?)row["systemuserid"], out var id) && id == SeedData.Users.Application);

    private void RegisterClient()
    {
        var callbacks = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .SelectMany(CallbackUris)
            .Distinct()
            .ToList();
        _standIn.RegisterClient(new OpenIdClient(ClientId, ClientSecret, callbacks));
        ClientRegistered(log, callbacks.Count);
    }

    /// <summary>A loopback listener is reached as 127.0.0.1 and as localhost; both are registered.</summary>
    private IEnumerable<Uri> CallbackUris(string listening)
    {
        var address = new Uri(listening);
        string[] hosts = address.Host is "0.0.0.0" or "[::]" or "127.0.0.1" or "localhost" or "[::1]"
            ? ["127.0.0.1", "localhost", "[::1]"]
            : [address.Host];
        return hosts.Select(host => new UriBuilder(address.Scheme, host, address.Port, signIn.Value.CallbackPath).Uri);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox OpenID provider (sign-in for pages) listening on {Address}")]
    private static partial void SandboxStarted(ILogger logger, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox: the pages' sign-in registered with {Count} callback addresses")]
    private static partial void ClientRegistered(ILogger logger, int count);
}
