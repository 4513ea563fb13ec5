using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce;
using CrmRecording.Emulators.Salesforce.Seed;

namespace CrmRecording.Benchmarks;

/// <summary>
/// <c>sf-enrich --service DLL --port PORT --data DIR [--contacts 10000]</c>: a bulk import of Contacts in a Salesforce
/// stand-in owned by this process, whose flow sends the service (the Release build in sandbox mode, attached to this
/// stand-in) one Outbound Message per 100 new contacts, timed from the import until every contact's enrichment is
/// written back, with the REST requests the service spent on it, by kind.
/// </summary>
internal static class SalesforceEnrichBenchmark
{
    private static readonly (string State, string AreaCode)[] Places = [("CA", "415"), ("TX", "512"), ("NY", "212"), ("FL", "305"), ("WA", "206"), ("IL", "312"), ("NV", "702"), ("PA", "215")];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = BenchService.Options(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("usage: sf-enrich --service DLL --port PORT --data DIR [--contacts 10000]").ConfigureAwait(false);
            return 2;
        }

        var (serviceDll, port, data, count) = options.Value;
        await using var standIn = new SalesforceStandIn(new SalesforceStandInOptions { DailyApiLimit = 10_000_000 });
        var login = await standIn.StartAsync().ConfigureAwait(false);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var service = BenchService.Start(serviceDll, port, data, new()
        {
            ["Sandbox__Salesforce__LoginUrl"] = login.AbsoluteUri,
            ["Salesforce__NotificationSecret"] = secret,
        });
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await BenchService.WaitReadyAsync(http, service).ConfigureAwait(false);
            standIn.OutboundMessages.Endpoint = new Uri(http.BaseAddress, $"webhooks/salesforce/{secret}");

            // Warm-up: one contact through the whole path, so the run below times enrichment, not start-up.
            var warm = standIn.Create("Contact", [Contact(0)]);
            await WaitEnrichedAsync(standIn, warm, 0, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            var before = standIn.Requests.All.Count;
            var messagesBefore = standIn.OutboundMessages.Sent;

            var watch = Stopwatch.StartNew();
            var ids = standIn.Create("Contact", Enumerable.Range(1, count).Select(Contact), SalesforceSeed.Users.SalesRep);
            var acknowledgedAt = TimeSpan.Zero;
            await WaitEnrichedAsync(standIn, ids, before, TimeSpan.FromMinutes(10), () =>
            {
                if (acknowledgedAt == TimeSpan.Zero && standIn.OutboundMessages.Pending == 0)
                {
                    acknowledgedAt = watch.Elapsed;
                }
            }).ConfigureAwait(false);
            var elapsed = watch.Elapsed;

            var requests = standIn.Requests.All.Skip(before).Where(r => r.Url.Port != login.Port || r.Url.AbsolutePath.Contains("oauth2", StringComparison.Ordinal)).ToList();
            var collections = requests.Where(r => r.Method == "PATCH" && r.Url.AbsolutePath.EndsWith("/composite/sobjects", StringComparison.Ordinal)).ToList();
            var written = collections.Sum(r => JsonNode.Parse(r.Body)!["records"]!.AsArray().Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} contact notifications in {standIn.OutboundMessages.Sent - messagesBefore} Outbound Messages, all acknowledged after {acknowledgedAt.TotalSeconds:F2} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import to every enrichment written back: {elapsed.TotalSeconds:F2} s ({count / elapsed.TotalSeconds:F0} contacts/s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"REST requests for the write-back: {collections.Count} sObject Collections updates carrying {written} records (target <= 60)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all REST requests by the service meanwhile: {requests.Count} ({string.Join(", ", requests.GroupBy(Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))})"));
            return collections.Count <= 60 ? 0 : 1;
        }
        finally
        {
            await BenchService.StopAsync(service).ConfigureAwait(false);
        }
    }

    private static string Kind(Emulators.Salesforce.Journal.SalesforceRequest request) =>
        request.Url.AbsolutePath.Contains("oauth2", StringComparison.Ordinal) ? "token"
        : request.Url.AbsolutePath.EndsWith("/composite/sobjects", StringComparison.Ordinal) ? "collections"
        : request.Soql is { } soql ? $"query {soql.Split(' ').SkipWhile(w => !w.Equals("FROM", StringComparison.OrdinalIgnoreCase)).Skip(1).FirstOrDefault()}"
        : $"{request.Method} {string.Join('/', request.Url.AbsolutePath.Split('/').Skip(4).Take(2))}";

    private static JsonObject Contact(int i)
    {
        var (state, area) = Places[i % Places.Length];
        return new JsonObject
        {
            ["LastName"] = $"Bulk {i}",
            ["Phone"] = string.Create(CultureInfo.InvariantCulture, $"+1 {area} 555 {i % 100:D4}"),
            ["MailingStateCode"] = state,
            ["MailingCountryCode"] = "US",
            ["OwnerId"] = SalesforceSeed.Users.SalesRep,
        };
    }

    /// <summary>
    /// Waits until the records carried by the collection writes since <paramref name="from"/> cover every id, reading
    /// only the new journal entries on each look (copying 10,000 records ten times a second would slow the run it
    /// measures), then checks the records themselves once.
    /// </summary>
    private static async Task WaitEnrichedAsync(SalesforceStandIn standIn, IReadOnlyList<string> ids, int from, TimeSpan limit, Action? poll = null)
    {
        var missing = ids.ToHashSet(StringComparer.Ordinal);
        var seen = from;
        var watch = Stopwatch.StartNew();
        while (missing.Count > 0)
        {
            poll?.Invoke();
            var all = standIn.Requests.All;
            foreach (var request in all.Skip(seen).Where(r => r.Method == "PATCH" && r.Url.AbsolutePath.EndsWith("/composite/sobjects", StringComparison.Ordinal)))
            {
                foreach (var record in JsonNode.Parse(request.Body)!["records"]!.AsArray())
                {
                    missing.Remove((string)record!["id"]!);
                }
            }

            seen = all.Count;
            if (missing.Count == 0)
            {
                break;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"{ids.Count - missing.Count} of {ids.Count} contacts written back after {limit}.");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var unenriched = standIn.Records("Contact").Count(r => wanted.Contains((string)r["Id"]!) && r["Recording_Last_Enriched__c"] is null);
        if (unenriched > 0)
        {
            throw new InvalidOperationException($"{unenriched} contacts were sent in a write but hold no enrichment.");
        }
    }
}
