using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Contact enrichment asks Twilio Lookup what kind of line a number is on.</summary>
public sealed class LineTypeEnrichmentTests
{
    [Fact]
    public async Task PhoneChangedInTheCrm_DeviceTypeComesFromTwilioLookup()
    {
        using var sandbox = new SandboxCall();
        sandbox.Twilio.Options.LineTypes["+17025550102"] = "landline";
        var crmSandbox = sandbox.Factory.Services.GetRequiredService<SandboxDataverse>();
        using var crm = new HttpClient { BaseAddress = new Uri(crmSandbox.BaseAddress, "api/data/v9.2/") };
        crm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", crmSandbox.AccessToken);

        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"contacts({SeedData.Contacts.TexasLandline})") { Content = new StringContent("""{"telephone1":"+1 702 555 0102"}""", Encoding.UTF8, "application/json") })
        {
            patch.Headers.Add("If-Match", "*");
            Assert.True((await crm.SendAsync(patch)).IsSuccessStatusCode);
        }

        var row = await sandbox.WaitForRowAsync("contacts", r => (string?)r["contactid"] == SeedData.Contacts.TexasLandline.ToString() && r["crr_devicetype"] is not null, "the enriched device type");

        Assert.Equal(107340001, (int?)row["crr_devicetype"]);
        Assert.Single(sandbox.Twilio.Requests.All, r => r.Path == "/v2/PhoneNumbers/+17025550102" || r.Path == "/v2/PhoneNumbers/%2B17025550102");
    }
}
