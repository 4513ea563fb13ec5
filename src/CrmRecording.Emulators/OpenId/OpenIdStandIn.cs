using System.Collections.Concurrent;
using CrmRecording.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;

namespace CrmRecording.Emulators.OpenId;

/// <summary>
/// A small OpenID Connect provider on loopback, standing in for the CRM's identity provider (Entra ID) in the
/// sandbox: discovery, an RS256 key set generated at start, an authorization endpoint whose sign-in page lists
/// the users to pick from, and a token endpoint (authorization code with PKCE S256 and a client secret). ID
/// tokens carry <c>oid</c>, <c>name</c>, <c>preferred_username</c> and the nonce. It keeps no session: every
/// sign-in shows the picker. Clients use <see cref="Issuer"/> as their authority.
/// </summary>
public sealed class OpenIdStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, OpenIdClient> clients = new(StringComparer.Ordinal);
    private readonly IdTokenSigner signer = new();
    private readonly OpenIdHandler handler;
    private WebApplication? app;
    private Uri? baseAddress;
    private bool disposed;

    public OpenIdStandIn(OpenIdStandInOptions? options = null)
    {
        Options = options ?? new OpenIdStandInOptions();
        Options.ThrowIfInvalid();
        handler = new OpenIdHandler(Options, clients, signer, new PendingGrants(Options.TimeProvider), () => Issuer);
    }

    public OpenIdStandInOptions Options { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>; available once started.</summary>
    public Uri BaseAddress => baseAddress ?? throw new InvalidOperationException("The OpenID stand-in has not been started.");

    /// <summary>The <c>iss</c> of its tokens and the authority clients configure: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Issuer => BaseAddress.AbsoluteUri.TrimEnd('/');

    /// <summary>The discovery document's address.</summary>
    public Uri MetadataAddress => new(BaseAddress, OpenIdHandler.DiscoveryPath.TrimStart('/'));

    /// <summary>Registers a client, or replaces the one with the same id (e.g. once its own address is known).</summary>
    public void RegisterClient(OpenIdClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(client.ClientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(client.ClientSecret);
        clients[client.ClientId] = client;
    }

    /// <summary>Starts listening on 127.0.0.1 (a free port unless <see cref="OpenIdStandInOptions.Port"/> is set) and returns <see cref="BaseAddress"/>.</summary>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (app is not null)
        {
            throw new InvalidOperationException("The OpenID stand-in is already started.");
        }

        (app, var addresses) = await LoopbackHost.StartAsync(handler.HandleAsync, [Options.Port], cancellationToken).ConfigureAwait(false);
        baseAddress = addresses[0];
        return baseAddress;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await LoopbackHost.StopAsync(app).ConfigureAwait(false);

        signer.Dispose();
    }
}
