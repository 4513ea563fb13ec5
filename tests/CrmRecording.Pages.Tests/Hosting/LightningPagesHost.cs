using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Emulators.Salesforce;
using CrmRecording.Service.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Pages.Tests.Hosting;

/// <summary>
/// The service beside a fake Lightning Experience host of its own (<c>http://127.0.0.3:PORT</c>), trusted as the
/// Salesforce org (<c>Pages:SalesforceOrgOrigins</c>) and allowed to frame the pages, apart from the fake Dynamics host.
/// </summary>
public sealed class LightningPagesHost : PagesHost
{
    private FakeCrmHost? _lightning;

    internal FakeCrmHost Lightning => _lightning ?? throw new InvalidOperationException("The host has not started.");

    internal SalesforceStandIn Salesforce => Services.GetRequiredService<SandboxSalesforce>().StandIn;

    public override async Task InitializeAsync()
    {
        _lightning = await FakeCrmHost.StartAsync("127.0.0.3");
        await base.InitializeAsync();
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        var origin = Lightning.Origin.GetLeftPart(UriPartial.Authority);
        settings["Pages:FrameAncestors:1"] = origin;
        settings["Pages:SalesforceOrgOrigins:0"] = origin;
    }

    /// <summary>A bearer token for a seeded Salesforce User from the sandbox's token endpoint.</summary>
    public async Task<string> SalesforceTokenAsync(string userId)
    {
        using var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/sandbox/token", new { crm = "salesforce", userId });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_lightning is not null)
        {
            await _lightning.DisposeAsync();
        }
    }
}
