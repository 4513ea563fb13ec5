using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CrmRecording.Service.Tests.Calls;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Webhooks;

/// <summary>
/// The service on real Kestrel with the sandbox's Dataverse stand-in, its service protection limits on: users' contact
/// updates run the asynchronous enrichment step, which the service writes back in bulk without ever sending a request
/// while a Retry-After the stand-in answered is still running.
/// </summary>
public sealed class DataverseEnrichmentTests
{
    [Fact]
    public async Task Enrichment_UnderServiceProtectionLimits_WritesEveryContactWithUpdateMultiple_NeverDuringARetryAfter()
    {
        using var sandbox = new SandboxCall();
        var standIn = sandbox.Dataverse;
        var ids = Enumerable.Range(0, 20).Select(i => standIn.PutRow("contacts", new JsonObject { ["lastname"] = $"Limit {i}", ["address1_stateorprovince"] = "TX", ["address1_country"] = "US" })).ToList();
        var limits = standIn.Options.ServiceProtection;
        (limits.MaxRequests, limits.Window, limits.Enabled) = (2, TimeSpan.FromSeconds(5), true);
        // Each edit comes from a user of its own, so only the service's requests meet the limit.
        var editors = ids.Select((_, i) => $"editor-{i}").ToList();
        editors.ForEach(token => standIn.Options.OtherCallers[token] = Guid.NewGuid());
        using var http = new HttpClient { BaseAddress = standIn.WebApiAddress };
        // The service's user has spent its window already: its first request is refused whenever it comes.
        for (var i = 0; i < 2; i++)
        {
            using var spend = await SendAsync(http, HttpMethod.Get, "WhoAmI", standIn.Options.BearerToken);
            Assert.Equal(HttpStatusCode.OK, spend.StatusCode);
        }

        for (var i = 0; i < ids.Count; i++)
        {
            using var edit = await SendAsync(http, HttpMethod.Patch, $"contacts({ids[i]:D})", editors[i], $$"""{"telephone1":"+1 512 555 01{{i:D2}}"}""");
            Assert.Equal(HttpStatusCode.NoContent, edit.StatusCode);
        }

        foreach (var id in ids)
        {
            await sandbox.WaitForRowAsync("contacts", r => (string?)r["contactid"] == id.ToString("D") && r["crr_lastenriched"] is not null, "every contact enriched", seconds: 120);
        }

        var service = standIn.Requests.All.Where(r => r.Header("Authorization") == $"Bearer {standIn.Options.BearerToken}").ToList();
        Assert.NotEmpty(standIn.ServiceProtection.Refusals);
        Assert.Equal(0, standIn.ServiceProtection.RequestsDuringRetryAfter);
        Assert.All(standIn.ServiceProtection.Refusals, refusal => Assert.DoesNotContain(service, r => r.ReceivedAt > refusal.At && r.ReceivedAt < refusal.RetryAt));
        Assert.DoesNotContain(service, r => r.Method == "PATCH");
        Assert.Contains(service, r => r.Url.AbsolutePath.EndsWith("/contacts/Microsoft.Dynamics.CRM.UpdateMultiple", StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Contains("US-TX", (string?)standIn.GetRow("contacts", id)!["crr_jurisdictions"], StringComparison.Ordinal));
        // The rows are written before their jobs are marked done: wait for the outbox to empty.
        var outbox = sandbox.Factory.Services.GetRequiredService<IOutbox>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (await outbox.PendingAsync() > 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "jobs left in the outbox after every contact was enriched");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Enrichment_TableWithoutUpdateMultiple_WritesEveryContactInOneBatchChangeSet()
    {
        using var sandbox = new SandboxCall();
        var standIn = sandbox.Dataverse;
        standIn.Options.TablesWithoutUpdateMultiple.Add("contact");
        var ids = Enumerable.Range(0, 12).Select(i => standIn.PutRow("contacts", new JsonObject { ["lastname"] = $"Batch {i}", ["address1_stateorprovince"] = "TX", ["address1_country"] = "US" })).ToList();
        standIn.Options.OtherCallers["editor"] = Guid.NewGuid();
        using var http = new HttpClient { BaseAddress = standIn.WebApiAddress };
        for (var i = 0; i < ids.Count; i++)
        {
            using var edit = await SendAsync(http, HttpMethod.Patch, $"contacts({ids[i]:D})", "editor", $$"""{"telephone1":"+1 512 555 02{{i:D2}}"}""");
            Assert.Equal(HttpStatusCode.NoContent, edit.StatusCode);
        }

        foreach (var id in ids)
        {
            await sandbox.WaitForRowAsync("contacts", r => (string?)r["contactid"] == id.ToString("D") && r["crr_lastenriched"] is not null, "every contact enriched", seconds: 120);
        }

        var service = standIn.Requests.All.Where(r => r.Header("Authorization") == $"Bearer {standIn.Options.BearerToken}").ToList();
        var batches = service.Where(r => r.Url.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(batches);
        Assert.DoesNotContain(service, r => r.Method == "PATCH");
        // The table answered once that it has no UpdateMultiple; every later write went straight to $batch.
        Assert.Single(service, r => r.Url.AbsolutePath.EndsWith("/contacts/Microsoft.Dynamics.CRM.UpdateMultiple", StringComparison.Ordinal));
        Assert.Equal(ids.Count, batches.Sum(b => b.Body.Split("\r\nPATCH /api/data/v9.2/contacts(").Length - 1));
        Assert.All(ids, id => Assert.Contains("US-TX", (string?)standIn.GetRow("contacts", id)!["crr_jurisdictions"], StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string relative, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, relative);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
