using System.Diagnostics;
using System.Text.Json;

namespace CrmRecording.Service.Tests.SignIn;

/// <summary>npm's oidc-provider run by <c>oidc-provider.mjs</c> under node, with one confidential client and the given accounts.</summary>
internal sealed class OidcProviderProcess : IAsyncDisposable
{
    private readonly Process _node;

    private OidcProviderProcess(Process node, string issuer)
    {
        _node = node;
        Issuer = issuer;
    }

    public string Issuer { get; }

    public static async Task<OidcProviderProcess> StartAsync(string clientId, string clientSecret, Uri redirectUri, IEnumerable<object> accounts)
    {
        var start = new ProcessStartInfo("node", Path.Combine(AppContext.BaseDirectory, "SignIn", "oidc-provider.mjs"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OIDC_PROVIDER_DIR"] = OidcProviderFactAttribute.Directory;
        start.Environment["OIDC_CLIENT"] = JsonSerializer.Serialize(new Dictionary<string, string> { ["client_id"] = clientId, ["client_secret"] = clientSecret, ["redirect_uri"] = redirectUri.AbsoluteUri });
        start.Environment["OIDC_ACCOUNTS"] = JsonSerializer.Serialize(accounts);
        var node = Process.Start(start)!;
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await node.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null)
        {
            throw new InvalidOperationException("oidc-provider did not start: " + await errors);
        }

        // Keep reading, so the provider never blocks on a full pipe.
        _ = node.StandardOutput.ReadToEndAsync();
        return new OidcProviderProcess(node, JsonDocument.Parse(line).RootElement.GetProperty("issuer").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            _node.Kill(entireProcessTree: true);
        }

        await _node.WaitForExitAsync();
        _node.Dispose();
    }
}
