using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Sandbox;
using CrmRecording.Service.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Pages.Tests.Hosting;

/// <summary>
/// The real service in sandbox mode on Kestrel (<c>http://127.0.0.1:PORT</c>) with its Dataverse and Twilio
/// stand-ins, next to a <see cref="FakeCrmHost"/> on another origin that is allowed to frame the pages and whose
/// origin is an allowed CRM org. One per test class (an <c>IClassFixture</c>); the browser is shared.
/// </summary>
public class PagesHost : IAsyncLifetime
{
    private ServiceFactory? _factory;
    private FakeCrmHost? _crm;

    /// <summary>Settings applied to the service before it starts (tests may add their own in a derived fixture).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    internal ServiceFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    internal FakeCrmHost Crm => _crm ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>The service's origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Service { get; private set; } = null!;

    internal TwilioStandIn Twilio => Factory.Services.GetRequiredService<SandboxTwilio>().StandIn;

    internal DataverseStandIn Dataverse => Factory.Services.GetRequiredService<SandboxDataverse>().StandIn;

    public IServiceProvider Services => Factory.Services;

    public virtual async Task InitializeAsync()
    {
        _crm = await FakeCrmHost.StartAsync();
        var crmOrigin = _crm.Origin.GetLeftPart(UriPartial.Authority);
        _factory = new ServiceFactory();
        _factory.Settings["Sandbox:CallSeconds"] = "3";
        _factory.Settings["Outbox:RetryBaseMilliseconds"] = "50";
        _factory.Settings["Pages:FrameAncestors:0"] = crmOrigin;
        _factory.Settings["Pages:OrgOrigins:0"] = crmOrigin;
        Configure(_factory.Settings);
        _factory.UseKestrel(0);
        _factory.StartServer();
        using var client = _factory.CreateClient();
        Service = new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>A bearer token for a seeded CRM user from the sandbox's token endpoint (for API calls made by the test itself).</summary>
    public async Task<string> TokenAsync(Guid userId)
    {
        using var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/sandbox/token", new { userId });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>An HTTP client to the service, optionally carrying a sandbox token for <paramref name="userId"/>.</summary>
    public async Task<HttpClient> ClientAsync(Guid? userId = null)
    {
        var client = Factory.CreateClient();
        if (userId is { } id)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(id));
        }

        return client;
    }

    public virtual async Task DisposeAsync()
    {
        if (_crm is not null)
        {
            await _crm.DisposeAsync();
        }

        _factory?.Dispose();
    }
}
