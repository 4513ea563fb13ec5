using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Webhooks;
using CrmRecording.Plugins;

namespace CrmRecording.Benchmarks;

/// <summary>
/// <c>dv-enrich --service DLL --port PORT --data DIR [--contacts 10000]</c>: the Dynamics counterpart of
/// <c>sf-enrich</c>. Contacts in a Dataverse stand-in owned by this process get a new phone through its Web API; each
/// update runs the solution's asynchronous enrichment step, a webhook to the service (the Release build in sandbox
/// mode, attached to the stand-in), which enriches the contact and writes it back. Timed from the first update until
/// every contact's enrichment is written, with the requests the service spent on it, under Dataverse's service protection
/// limits unless <c>--limits off</c>.
/// </summary>
internal static class DataverseEnrichBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        // --limits off measures a build that cannot keep within them (one read and one write per contact).
        var at = args.ToList().IndexOf("--limits");
        var limited = at < 0 || at + 1 >= args.Count || args[at + 1] != "off";
        if (BenchService.Options(at < 0 ? args : [.. args.Where((_, i) => i != at && i != at + 1)]) is not var (serviceDll, port, data, count))
        {
            await Console.Error.WriteLineAsync("usage: dv-enrich --service DLL --port PORT --data DIR [--contacts 10000] [--limits on|off]").ConfigureAwait(false);
            return 2;
        }

        // Dataverse's service protection limits on. The contact updates come from a sales team of eight users, each
        // within its own limits, so only the service's own requests count against the service's user.
        var editors = Enumerable.Range(0, 8).Select(i => $"bench-editor-{i}").ToList();
        var options = new DataverseStandInOptions { ServiceProtection = { Enabled = limited } };
        editors.ForEach(token => options.OtherCallers[token] = Guid.NewGuid());
        await using var standIn = new DataverseStandIn(options);
        await standIn.StartAsync().ConfigureAwait(false);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var service = BenchService.Start(serviceDll, port, data, new()
        {
            ["Sandbox__Dataverse__Url"] = standIn.BaseAddress.AbsoluteUri,
            ["Sandbox__Dataverse__AccessToken"] = standIn.Options.BearerToken,
            ["Dataverse__WebhookKey"] = key,
            ["Salesforce__Mode"] = "off",
        });
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await BenchService.WaitReadyAsync(http, service).ConfigureAwait(false);
            Register(standIn, new Uri(http.BaseAddress, "webhooks/dataverse"), key);
            var ids = Enumerable.Range(0, count + 1).Select(i => standIn.PutRow("contacts", new JsonObject
            {
                ["firstname"] = "Bulk", ["lastname"] = string.Create(CultureInfo.InvariantCulture, $"{i}"), ["address1_stateorprovince"] = "TX", ["address1_country"] = "US",
            })).ToList();
            var team = editors.Select(token => new HttpClient { BaseAddress = standIn.WebApiAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } }).ToList();
            var crm = team[0];

            // Warm-up: one contact through the whole path.
            await PatchAsync(crm, ids[0], 0).ConfigureAwait(false);
            await WaitEnrichedAsync(standIn, ids.Take(1).ToList(), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            var before = standIn.Requests.All.Count;

            var watch = Stopwatch.StartNew();
            var rest = ids.Skip(1).ToList();
            await Parallel.ForEachAsync(rest.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) => await PatchAsync(team[item.i % team.Count], item.id, item.i + 1).ConfigureAwait(false)).ConfigureAwait(false);
            var updated = watch.Elapsed;
            var acknowledged = standIn.Webhooks.WhenIdleAsync().ContinueWith(_ => watch.Elapsed, TaskScheduler.Default);
            await WaitEnrichedAsync(standIn, rest, TimeSpan.FromMinutes(20)).ConfigureAwait(false);
            var elapsed = watch.Elapsed;
            var delivered = await acknowledged.ConfigureAwait(false);
            team.ForEach(client => client.Dispose());

            var sent = standIn.Requests.All.Skip(before).Where(r => r.Header("Authorization") == $"Bearer {standIn.Options.BearerToken}").ToList();
            var writes = sent.Count(r => r.Body.Contains("crr_lastenriched", StringComparison.Ordinal));
            var refusals = standIn.ServiceProtection.Refusals.Count(r => r.UserId == standIn.Options.CallerUserId);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} contact updates through the Web API in {updated.TotalSeconds:F2} s, each an asynchronous webhook step to the service"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"every webhook step delivered and acknowledged by the service at {delivered.TotalSeconds:F2} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first update to every enrichment written back: {elapsed.TotalSeconds:F2} s ({count / elapsed.TotalSeconds:F0} contacts/s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"service protection limits {(limited ? "on" : "off")}: the service's Web API requests: {sent.Count} ({writes} write-backs, {sent.Count - writes} reads); 429s: {refusals}; requests sent during a Retry-After: {standIn.ServiceProtection.RequestsDuringRetryAfter}"));
            return 0;
        }
        finally
        {
            await BenchService.StopAsync(service).ConfigureAwait(false);
        }
    }

    private static async Task PatchAsync(HttpClient crm, Guid id, int i)
    {
        using var body = new StringContent(string.Create(CultureInfo.InvariantCulture, $$"""{"telephone1":"+1 512 555 {{i % 10000:D4}}"}"""), Encoding.UTF8, "application/json");
        using var response = await crm.PatchAsync(new Uri($"contacts({id:D})", UriKind.Relative), body).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The solution's steps on the stand-in, pointing at the service with its key, as <c>crmrec dataverse register</c> sets them.</summary>
    private static void Register(DataverseStandIn standIn, Uri webhook, string key)
    {
        var settings = new XElement("settings", new XElement("setting", new XAttribute("name", "x-crr-webhook-key"), new XAttribute("value", key)));
        var endpoint = standIn.RegisterWebhookEndpoint(new WebhookEndpoint("CrmRecording media service (benchmark)", webhook, WebhookAuthType.HttpHeader, settings.ToString(SaveOptions.DisableFormatting)));
        foreach (var r in PluginCatalog.Registrations)
        {
            standIn.RegisterWebhookStep(endpoint, new WebhookStep(
                r.Message, r.Table, (StepStage)(int)r.Stage, (StepMode)(int)r.Mode, r.FilteringAttributes,
                [.. r.Images.Select(i => new WebhookStepImage(i.Name, i.Post ? StepImageType.PostImage : StepImageType.PreImage, i.Attributes))],
                Name: r.Name));
        }
    }

    /// <summary>
    /// Waits until every contact carries its enrichment. Contacts are enriched roughly in the order they were updated, so
    /// each poll reads only from the first one still waiting onwards, until it meets one not yet enriched: a poll costs
    /// what progressed since the last, not a copy of every row (which, for 10,000 rows four times a second, would be a
    /// load of its own on the machine being measured).
    /// </summary>
    private static async Task WaitEnrichedAsync(DataverseStandIn standIn, List<Guid> ids, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var next = 0;
        while (true)
        {
            while (next < ids.Count && standIn.GetRow("contacts", ids[next])?["crr_lastenriched"] is not null)
            {
                next++;
            }

            if (next == ids.Count)
            {
                return;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"{next} of {ids.Count} contacts enriched in order after {limit}.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
