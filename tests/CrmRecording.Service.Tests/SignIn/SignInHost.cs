using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Service.Sandbox;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Service.Tests.SignIn;

/// <summary>The service as <c>dotnet run</c> starts it (sandbox CRM and identity provider) on real Kestrel, on a clock the test moves.</summary>
internal sealed class SignInHost : IDisposable
{
    /// <param name="port">0 for any free port.</param>
    public SignInHost(Action<ServiceFactory>? configure = null, int port = 0)
    {
        Factory = new ServiceFactory
        {
            Overrides = services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            },
        };
        configure?.Invoke(Factory);
        Factory.UseKestrel(port);
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Service = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Starts at the real time: the provider's ID tokens are checked against the real clock.</summary>
    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public ServiceFactory Factory { get; }

    public Uri Service { get; }

    public SandboxOpenId? Provider => Factory.Services.GetService<SandboxOpenId>();

    public SignInBrowser NewBrowser() => new(Service);

    public HttpClient Api(string? bearer)
    {
        var client = new HttpClient { BaseAddress = Service };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>POST /signin/renew with <paramref name="token"/>.</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> RenewAsync(string token)
    {
        using var api = Api(token);
        var response = await api.PostAsync("/signin/renew", content: null);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length > 0 ? JsonDocument.Parse(text).RootElement : default);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;

    public void Dispose() => Factory.Dispose();
}
