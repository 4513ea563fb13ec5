using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Playback;
using CrmRecording.Service.Sandbox;
using CrmRecording.Service.Tests.Calls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>
/// Every log line, at every level and from every category, that a representative run writes: sign-in, a sandbox call
/// with consent, its recording ingested, a webhook step, playback by API and by media link. None may carry a phone
/// number in any format, nor a secret or token the run used.
/// </summary>
public sealed class LogHygieneTests
{
    private const string WebhookKey = "log-hygiene-webhook-key-0123456789";
    private const string CaliforniaNumber = "+14155550101";

    [Fact]
    public async Task Logs_ARepresentativeRun_CarryNoPhoneNumberNorSecret()
    {
        var logs = new CapturedLogs();
        var secrets = new List<string> { WebhookKey };
        using (var sandbox = new SandboxCall(Configure, s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            secrets.Add(sandbox.Factory.Services.GetRequiredService<SandboxDataverse>().AccessToken);
            secrets.Add(sandbox.Twilio.Options.AuthToken);
            var reviewerToken = await sandbox.TokenAsync(SeedData.Users.ComplianceReviewer);
            secrets.Add(reviewerToken);
            secrets.Add(sandbox.Client.DefaultRequestHeaders.Authorization!.Parameter!);

            // Sign-in: a page asks, unauthenticated, and is sent to sign in.
            Assert.NotEqual(HttpStatusCode.InternalServerError, (await sandbox.Anonymous.GetAsync(new Uri("/signin?returnUrl=%2Frecordings%2Fx", UriKind.Relative))).StatusCode);

            // A call with consent, recorded, ingested and linked.
            sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
            var placed = await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
            var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started after the yes");
            await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
            call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "recording ingested and linked");
            var vaultId = call.Recordings[0].VaultId!;

            // Webhook steps: a contact given a Nevada number in the CRM (its webhook enriches it), and a delivery with the key in the query.
            var crmSandbox = sandbox.Factory.Services.GetRequiredService<SandboxDataverse>();
            using (var crm = new HttpClient { BaseAddress = new Uri(crmSandbox.BaseAddress, "api/data/v9.2/") })
            using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"contacts({SeedData.Contacts.TexasLandline})") { Content = new StringContent("""{"telephone1":"+1 702 555 0102"}""", Encoding.UTF8, "application/json") })
            {
                crm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", crmSandbox.AccessToken);
                patch.Headers.Add("If-Match", "*");
                Assert.True((await crm.SendAsync(patch)).IsSuccessStatusCode);
            }

            var webhook = await sandbox.Anonymous.PostAsync(new Uri($"/webhooks/dataverse?code={WebhookKey}", UriKind.Relative), new StringContent(WebhookBody(SeedData.Contacts.CaliforniaMobile), Encoding.UTF8, "application/json"));
            Assert.True(webhook.StatusCode < HttpStatusCode.InternalServerError, await webhook.Content.ReadAsStringAsync());

            // Playback by the API and through a media link.
            using var reviewer = sandbox.Factory.CreateClient();
            reviewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", reviewerToken);
            Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync(new Uri($"/api/recordings/{vaultId}/audio", UriKind.Relative))).StatusCode);
            var link = (await (await reviewer.PostAsync(new Uri($"/api/recordings/{vaultId}/media-link", UriKind.Relative), null)).Content.ReadFromJsonAsync<MediaLinkView>(SandboxCall.Json))!;
            secrets.Add(link.Url["/media/".Length..]);
            Assert.Equal(HttpStatusCode.OK, (await sandbox.Anonymous.GetAsync(new Uri(link.Url, UriKind.Relative))).StatusCode);
            await sandbox.WaitForRowAsync("contacts", r => (string?)r["contactid"] == SeedData.Contacts.TexasLandline.ToString() && r["crr_devicetype"] is not null, "the webhook's enrichment written");
        }

        var entries = logs.Entries;
        Assert.True(entries.Count > 200, $"only {entries.Count} log entries were captured: the run did not log at Trace level");
        var leaks = entries
            .Select(e => (Entry: e, Found: SensitiveText.Find(string.Join('\n', [e.Message, .. e.Values, e.Exception?.ToString() ?? string.Empty]), secrets)))
            .Where(x => x.Found is not null)
            .Select(x => $"{x.Found} in {x.Entry}")
            .ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }

    private static void Configure(ServiceFactory factory)
    {
        factory.Settings["Dataverse:WebhookKey"] = WebhookKey;
        foreach (var (key, value) in CapturedLogs.TraceSettings)
        {
            factory.Settings[key] = value;
        }
    }

    private static string WebhookBody(Guid contact) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Webhooks", "contact-create.json")).Replace("{ID}", contact.ToString(), StringComparison.Ordinal);
}
