using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using CrmRecording.Service.Pages;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox CRM page's own origins, trusted as a CRM org and frame ancestor: the service's loopback address under
/// both of its names (<c>http://127.0.0.1:PORT</c> and <c>http://localhost:PORT</c>). The page is served under one
/// name and frames the dialer under the other, so the dialer runs in a real cross-origin iframe from one process.
/// </summary>
internal sealed class SandboxOrigins(IServer server) : IRuntimePageOrigins
{
    private IReadOnlyList<string>? _origins;

    public IReadOnlyList<string> Origins
    {
        get
        {
            if (_origins is null && Read() is { } read)
            {
                _origins = read;
            }

            return _origins ?? [];
        }
    }

    /// <summary>The other loopback name of <paramref name="host"/>, where the host page frames the dialer.</summary>
    public static string OtherName(string host) => host == "localhost" ? "127.0.0.1" : "localhost";

    /// <summary>The origin a sandbox page frames the dialer from: the same scheme and port under the other loopback name.</summary>
    public static string OtherOrigin(HttpRequest request) =>
        $"{request.Scheme}://{OtherName(request.Host.Host)}:{request.Host.Port ?? (request.IsHttps ? 443 : 80)}";

    private IReadOnlyList<string>? Read()
    {
        var ports = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(a => Uri.TryCreate(a.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal).Replace("*", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .Where(u => u is { Scheme: "http" or "https", Port: > 0 } && (u.IsLoopback || u.Host == "localhost"))
            .Select(u => (u!.Scheme, u.Port))
            .Distinct()
            .ToList();
        // Not listening yet (or on port 0 still): ask again next time.
        return ports.Count == 0
            ? null
            : [.. ports.SelectMany(p => new[] { $"{p.Scheme}://127.0.0.1:{p.Port}", $"{p.Scheme}://localhost:{p.Port}" })];
    }
}
