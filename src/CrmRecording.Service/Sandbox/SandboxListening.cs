using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CrmRecording.Service.Sandbox;

/// <summary>Where the sandbox stand-ins reach this service: its first listening address, on loopback.</summary>
internal static class SandboxListening
{
    /// <returns>The root URL, e.g. <c>http://127.0.0.1:5080/</c>; null before the server listens (a test server never does).</returns>
    public static Uri? Root(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } listening
            ? new Uri(listening.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal))
            : null;
}
