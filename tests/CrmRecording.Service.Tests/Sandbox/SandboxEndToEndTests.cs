using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmRecording.Service.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Sandbox;

/// <summary>
/// The service as `dotnet run` starts it, on real Kestrel: the sandbox Dataverse stand-in calls the
/// webhook, the outbox worker runs the step, and the production client writes the enrichment back.
/// </summary>
public sealed class SandboxEndToEndTests : IDisposable
{
    private static readonly Guid TexasContact = Guid.Parse("c0000000-0000-4000-8000-000000000002");
    private readonly ServiceFactory _factory = new();

    public SandboxEndToEndTests()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ContactPhoneChangedInTheCrm_ComesBackEnrichedThroughWebhookAndOutbox()
    {
        var sandbox = _factory.Services.GetRequiredService<SandboxDataverse>();
        using var crm = new HttpClient { BaseAddress = new Uri(sandbox.BaseAddress, "api/data/v9.2/") };
        crm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.AccessToken);
        crm.DefaultRequestHeaders.Add("OData-Version", "4.0");

        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"contacts({TexasContact})") { Content = new StringContent("""{"telephone1":"+1 702 555 0102"}""", Encoding.UTF8, "application/json") })
        {
            patch.Headers.Add("If-Match", "*");
            Assert.True((await crm.SendAsync(patch)).IsSuccessStatusCode);
        }

        JsonElement row = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            row = JsonDocument.Parse(await crm.GetStringAsync($"contacts({TexasContact})?$select=crr_jurisdictions,crr_recordingdecision,crr_decisionreasons")).RootElement;
            if (row.TryGetProperty("crr_jurisdictions", out var j) && j.ValueKind == JsonValueKind.String)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("US-NV US-TX US", row.GetProperty("crr_jurisdictions").GetString());
        Assert.Equal(107340002, row.GetProperty("crr_recordingdecision").GetInt32());
        Assert.Contains("Nev. Rev. Stat.", row.GetProperty("crr_decisionreasons").GetString(), StringComparison.Ordinal);
        var delivery = Assert.Single(sandbox.StandIn.Webhooks.All, d => d.Url.AbsolutePath == "/webhooks/dataverse");
        Assert.DoesNotContain("code=", delivery.Url.Query, StringComparison.Ordinal);
        Assert.True(delivery.Headers.ContainsKey("x-crr-webhook-key"), "the key travels in the header, not the URL");
    }

    [Fact]
    public async Task RecordedCallForAContactWhoDeclined_IsRefusedBeforeItIsSaved()
    {
        var sandbox = _factory.Services.GetRequiredService<SandboxDataverse>();
        using var crm = new HttpClient { BaseAddress = new Uri(sandbox.BaseAddress, "api/data/v9.2/") };
        crm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.AccessToken);
        var declined = Emulators.Dataverse.Seed.SeedData.Contacts.DeclinedConsent;
        var body = $$"""{ "subject": "Follow-up", "crr_recordingrequested": true, "regardingobjectid_contact_phonecall@odata.bind": "/contacts({{declined}})" }""";
        var response = await crm.PostAsync("phonecalls", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains("can't be recorded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.StandIn.GetRows("phonecalls"), r => (string?)r["subject"] == "Follow-up");
    }
}
