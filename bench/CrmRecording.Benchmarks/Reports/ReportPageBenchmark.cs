using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace CrmRecording.Benchmarks.Reports;

/// <summary>
/// <c>report-page measure --url BASE --period FROM..TO [--period FROM..TO] [--expect N] [--runs 5]</c>: the compliance
/// report page in Debian's Chromium (headless; <c>CRMREC_CHROMIUM</c> to use another), signed in as the sandbox's
/// Recording Reviewer the way a person does (the page's Sign in button, then Sam Okafor in the popup). The first period is
/// drawn once cold (the service's first report), then each period in turn, <c>--runs</c> times warm (the page opened
/// again, the session restored from its cookie), then the first once more under Chromium's tracing, to say where the
/// page's main thread spends it. <c>--expect</c> checks the first period's call count in the API's answer.
/// </summary>
internal static class ReportPageBenchmark
{
    private const string Api = "/api/reports/compliance";
    private const string Reviewer = "Sam Okafor";

    public static async Task<int> RunAsync(string[] args) => args.FirstOrDefault() switch
    {
        "generate" => await ReportPageData.GenerateAsync(args[1..]),
        "measure" => await MeasureAsync(args[1..]),
        _ => throw new ArgumentException("report-page generate|measure"),
    };

    private static async Task<int> MeasureAsync(string[] args)
    {
        var service = new Uri(Arguments.Text(args, "--url") ?? throw new ArgumentException("--url BASE is required."));
        var periods = Arguments.All(args, "--period").Select(p => p.Split("..")).Select(p => (From: p[0], To: p[1])).ToList();
        var expected = Arguments.Number(args, "--expect", -1);
        var runs = Arguments.Number(args, "--runs", 5);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CRMREC_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            // This machine's network is closed: no background connections to Google's services, no QUIC.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Console.WriteLine($"Chromium {browser.Version}, headless, viewport 1280x900, time zone UTC; times from the navigation's start");
        await using var context = await browser.NewContextAsync(new() { TimezoneId = "UTC", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(180_000);
        await context.AddInitScriptAsync(PageProbe.InitScript);
        var page = await context.NewPageAsync();

        var (cold, coldCalls, _) = await LoadAsync(page, service, periods[0], signIn: true);
        Check(coldCalls, expected, periods[0]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold (the service's first report, right after signing in): {coldCalls:N0} calls, {Seconds(cold.PaintedAt - cold.ApiStart)} s from the report's request to painted; from the navigation, signing in included: {Line(cold)}"));

        using var alone = await ApiAlone.SignInAsync(service);
        var aloneRuns = new List<(double FirstByte, double Total)>();
        var measured = periods.Select(_ => new List<(PageProbe Probe, int Calls)>()).ToList();
        var answers = new string[periods.Count];
        for (var run = 1; run <= runs; run++)
        {
            for (var p = 0; p < periods.Count; p++)
            {
                var (probe, calls, json) = await LoadAsync(page, service, periods[p], signIn: false);
                answers[p] = json;
                if (p == 0)
                {
                    Check(calls, expected, periods[p]);
                }

                measured[p].Add((probe, calls));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm run {run}, {periods[p].From} to {periods[p].To}, {calls:N0} calls: painted at {Seconds(probe.PaintedAt)} s; {Line(probe)}; load average {ReportBenchmark.LoadAverage()}"));
            }

            var api = await alone.TimeAsync(periods[0]);
            aloneRuns.Add(api);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm run {run}, the API alone (no browser), {periods[0].From} to {periods[0].To}: {api.Total:F2} s (first byte {api.FirstByte:F2} s); load average {ReportBenchmark.LoadAverage()}"));
        }

        PageProbe? traced = null;
        var trace = await ChromiumTrace.RecordAsync(page, async () => (traced, _, _) = await LoadAsync(page, service, periods[0], signIn: false));
        Console.WriteLine($"traced run (tracing slows it): painted at {Seconds(traced!.PaintedAt)} s; {Line(traced)}");
        Console.WriteLine($"traced run, the page's main thread: {ChromiumTrace.Summarize(trace)}");

        for (var p = 0; p < periods.Count; p++)
        {
            var list = measured[p];
            var parse = await PageProbe.ParseAsync(page, answers[p]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"report page{(p == 0 ? string.Empty : " (baseline, " + periods[p].From + " to " + periods[p].To + ")")}: {list[0].Calls:N0} calls, median {Seconds(Median(list.Select(r => r.Probe.PaintedAt)))} s " +
                $"(runs {string.Join(", ", list.Select(r => Seconds(r.Probe.PaintedAt)))}), API {Seconds(Median(list.Select(r => r.Probe.Api)))} s " +
                $"(server {Seconds(Median(list.Select(r => r.Probe.Server)))} s), render {Seconds(Median(list.Select(r => r.Probe.Render)))} s " +
                $"(JSON.parse of its {list[0].Probe.DecodedBytes / 1e6:F1} MB alone {parse:F0} ms; {list[0].Probe.Elements:N0} elements, {list[0].Probe.Rows:N0} table rows){(p == 0 ? " (target < 2 s)" : string.Empty)}"));
            Console.WriteLine($"  its tables' body rows: {string.Join(", ", list[0].Probe.Tables)}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"report API alone (no browser, same period): median {Median(aloneRuns.Select(r => r.Total * 1000)) / 1000:F2} s (runs {string.Join(", ", aloneRuns.Select(r => r.Total.ToString("F2", CultureInfo.InvariantCulture)))})"));
        return 0;
    }

    /// <summary>Opens the report of one period and waits until it is painted; signs in first when asked.</summary>
    private static async Task<(PageProbe Probe, int Calls, string Json)> LoadAsync(IPage page, Uri service, (string From, string To) period, bool signIn)
    {
        // From a blank page, so that no run pays for unloading the report before it.
        await page.GotoAsync("about:blank");
        var answer = page.WaitForResponseAsync(r => r.Url.Contains(Api, StringComparison.Ordinal));
        await page.GotoAsync(new Uri(service, $"/reports/compliance?from={period.From}&to={period.To}").ToString());
        if (signIn)
        {
            var popup = await page.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync());
            var closed = new TaskCompletionSource();
            popup.Close += (_, _) => closed.TrySetResult();
            await popup.GetByRole(AriaRole.Button, new() { Name = Reviewer, Exact = true }).ClickAsync();
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        var probe = await PageProbe.WaitAsync(page);
        var response = await answer;
        if (response.Status != 200)
        {
            throw new InvalidOperationException($"The report API answered {response.Status}.");
        }

        var text = await response.TextAsync();
        using var json = JsonDocument.Parse(text);
        return (probe, json.RootElement.GetProperty("calls").GetProperty("total").GetInt32(), text);
    }

    private static void Check(int calls, int expected, (string From, string To) period)
    {
        if (expected >= 0 && calls != expected)
        {
            throw new InvalidOperationException($"The report from {period.From} to {period.To} counted {calls} calls; {expected} were generated in it.");
        }
    }

    private static string Line(PageProbe probe) => string.Create(CultureInfo.InvariantCulture,
        $"page ready to ask {Seconds(probe.ApiStart)} s, API {Seconds(probe.Api)} s (server {Seconds(probe.Server)} s to the first byte, {probe.EncodedBytes / 1e6:F1} MB sent, {probe.DecodedBytes / 1e6:F1} MB JSON), " +
        $"status at {Seconds(probe.StatusAt)} s, render {Seconds(probe.Render)} s after the last byte, chart pixels {string.Join("/", probe.Pixels)}");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("F2", CultureInfo.InvariantCulture);
}
