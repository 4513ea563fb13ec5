using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Pages.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Reports;

/// <summary>
/// The compliance report page signed in as a reviewer (in Berlin time): each figure against the API's JSON, the
/// charts drawn with their legends, the filters, the links to the player, the refusal of a user without a recording
/// role, an empty period, the print layout and accessibility.
/// </summary>
public sealed class ComplianceReportPageTests(ReportPagesHost host) : IClassFixture<ReportPagesHost>
{
    private const string Api = "/api/reports/compliance";

    [Fact]
    public async Task Report_Reviewer_ShowsEveryFigureOfTheApiAnswer_InTheViewersZone()
    {
        await using var context = await NewContextAsync();
        var (page, json) = await OpenAsync(context, $"from={host.Week.From}&to={host.Week.To}");

        var figures = await ReportFigures.FiguresAsync(page);
        foreach (var shown in figures)
        {
            Assert.True(ReportFigures.Expected(ReportFigures.Resolve(json, shown.Pointer)) == shown.Text, $"{shown.Pointer}: the page shows {shown.Text}, the API says {ReportFigures.Resolve(json, shown.Pointer)}");
        }

        var missing = ReportFigures.NumberPointers(json).Except(figures.Select(f => f.Pointer)).ToArray();
        Assert.True(missing.Length == 0, "Numbers of the API's answer the page does not show: " + string.Join(", ", missing));
        Assert.Equal(6, ReportFigures.Resolve(json, "/calls/total").GetInt32());

        // The API asked apart from the page, with the same filters, computes the same figures (the audit trail alone
        // has grown: each report shown is audited).
        using var reviewer = await host.ClientAsync(SeedData.Users.ComplianceReviewer);
        var independent = JsonDocument.Parse(await reviewer.GetStringAsync($"{Api}?from={host.Week.From}&to={host.Week.To}&tz=Europe%2FBerlin")).RootElement;
        foreach (var part in new[] { "period", "calls", "consent", "recordedWithoutConsent", "manualStarts", "pauses", "lostRecordings" })
        {
            Assert.Equal(independent.GetProperty(part).GetRawText(), json.GetProperty(part).GetRawText());
        }

        var moments = await ReportFigures.MomentsAsync(page);
        Assert.NotEmpty(moments);
        foreach (var moment in moments)
        {
            var parts = moment.Text.Split('|');
            Assert.Equal(DateTimeOffset.Parse(ReportFigures.Resolve(json, moment.Pointer).GetString()!), DateTimeOffset.Parse(parts[0]));
            Assert.EndsWith(ReportPagesHost.Zone, parts[1], StringComparison.Ordinal);
        }

        await Screenshots.TakeAsync(page, "compliance-report");
    }

    [Fact]
    public async Task Report_Charts_AreDrawnWithTheirLegendsAndTables()
    {
        await using var context = await NewContextAsync();
        var (page, json) = await OpenAsync(context, $"from={host.Week.From}&to={host.Week.To}");
        var canvases = page.Locator("canvas[data-chart]");

        Assert.Equal(["chart-decisions", "chart-jurisdictions", "chart-consent-jurisdiction", "chart-consent-disclosure", "chart-roles"],
            await canvases.EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.chart)"));
        foreach (var canvas in await canvases.AllAsync())
        {
            // Painted: thousands of pixels that are not transparent, and a legend with an entry per series (or slice).
            var painted = await canvas.EvaluateAsync<int>("c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }");
            Assert.True(painted > 2000, $"{await canvas.GetAttributeAsync("data-chart")} painted {painted} pixels");
            var legend = await canvas.EvaluateAsync<string[]>("c => Chart.getChart(c).legend.legendItems.map(i => i.text)");
            Assert.NotEmpty(legend);
            Assert.True(await canvas.EvaluateAsync<double>("c => Chart.getChart(c).legend.height") > 0);
            Assert.StartsWith(await page.Locator($"#{await canvas.GetAttributeAsync("data-chart")}-title").TextContentAsync() ?? "?", await canvas.GetAttributeAsync("aria-label") ?? string.Empty, StringComparison.Ordinal);
        }

        var decisions = await page.Locator("canvas[data-chart=chart-decisions]").EvaluateAsync<string[]>("c => Chart.getChart(c).legend.legendItems.map(i => i.text)");
        Assert.Equal(json.GetProperty("calls").GetProperty("byDecision").GetArrayLength(), decisions.Length);
        Assert.Equal(["Granted", "Declined", "No answer", "Unclear answer"],
            await page.Locator("canvas[data-chart=chart-consent-jurisdiction]").EvaluateAsync<string[]>("c => Chart.getChart(c).legend.legendItems.map(i => i.text)"));
    }

    [Fact]
    public async Task Report_FilteredByRepAndJurisdiction_ShowsTheFiguresOfTheApiForThoseFilters()
    {
        await using var context = await NewContextAsync();
        var (page, all) = await OpenAsync(context, $"from={host.Week.From}&to={host.Week.To}");

        await page.GetByLabel("Rep", new() { Exact = true }).FillAsync(SeedData.Users.SalesManager.ToString("D"));
        var answer = page.WaitForResponseAsync(r => r.Url.Contains(Api, StringComparison.Ordinal) && r.Url.Contains("rep=", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        var byRep = JsonDocument.Parse(await (await answer).TextAsync()).RootElement;
        await Assertions.Expect(page.Locator("#period")).ToContainTextAsync("only rep");

        Assert.Equal(6, all.GetProperty("calls").GetProperty("total").GetInt32());
        Assert.Equal(2, byRep.GetProperty("calls").GetProperty("total").GetInt32());
        await Assertions.Expect(page.Locator("[data-figure='/calls/total']").First).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-figure='/manualStarts#length']")).ToHaveTextAsync("1");
        Assert.Contains($"rep={SeedData.Users.SalesManager:D}", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("Rep", new() { Exact = true }).FillAsync(string.Empty);
        await page.GetByLabel("Jurisdiction", new() { Exact = true }).FillAsync("US-CA");
        answer = page.WaitForResponseAsync(r => r.Url.Contains(Api, StringComparison.Ordinal) && r.Url.Contains("jurisdiction=US-CA", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        var california = JsonDocument.Parse(await (await answer).TextAsync()).RootElement;
        await Assertions.Expect(page.Locator("#period")).ToContainTextAsync("only jurisdiction US-CA");

        var total = california.GetProperty("calls").GetProperty("total").GetInt32();
        Assert.InRange(total, 1, 5);
        await Assertions.Expect(page.Locator("[data-figure='/calls/total']").First).ToHaveTextAsync(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var shown in await ReportFigures.FiguresAsync(page))
        {
            Assert.Equal(ReportFigures.Expected(ReportFigures.Resolve(california, shown.Pointer)), shown.Text);
        }
    }

    [Fact]
    public async Task Report_PlayLink_OpensThePlayerOnThatRecording()
    {
        await using var context = await NewContextAsync();
        var (page, json) = await OpenAsync(context, $"from={host.Week.From}&to={host.Week.To}");
        var first = json.GetProperty("recordedWithoutConsent").GetProperty("callList")[0].GetProperty("recordings")[0];

        await page.Locator("#without-consent").GetByRole(AriaRole.Link, new() { Name = $"Play recording {first.GetProperty("recordingId").GetString()}" }).ClickAsync();

        await page.WaitForURLAsync(new Uri(host.Service, first.GetProperty("playerUrl").GetString()).ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ready to play");
        await Assertions.Expect(page.GetByText("Riley Chen")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Report_DirectorWithoutARecordingRole_IsToldWhyAndSeesNoFigures()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url($"from={host.Week.From}&to={host.Week.To}"));

        var refused = page.WaitForResponseAsync(r => r.Url.Contains(Api, StringComparison.Ordinal));
        await SignIn.ViaPopupAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Dana Whitfield");

        Assert.Equal(403, (await refused).Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are not allowed to see the compliance report" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#refused-detail")).ToHaveTextAsync(await ProblemAnswer.DetailAsync(await refused));
        await Assertions.Expect(page.GetByText("Recording Administrator").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#filters")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator("[data-figure]").CountAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Report_LongList_DrawsTheFirstHundredRowsAndTheRestOnShowAll()
    {
        // 130 lost recordings in a month of their own, away from the other tests' week.
        var store = host.Services.GetRequiredService<CrmRecording.Service.Calls.ICallStore>();
        var month = new DateTimeOffset(2025, 2, 10, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 130; i++)
        {
            var call = ReportCalls.Call(month.AddMinutes(i * 7), SeedData.Users.SalesRep, "Riley Chen", CrmRecording.Core.Decisions.RecordingOutcome.Record, ["US-TX", "US"]);
            await store.AddAsync(call with { Recordings = [new CrmRecording.Service.Calls.CallRecording($"RE{i:x32}", "lost", WrittenToCrm: true, Problem: $"Twilio deleted recording {i} first")] });
        }

        await using var context = await NewContextAsync();
        var (page, json) = await OpenAsync(context, "from=2025-02-01&to=2025-03-01");

        Assert.Equal(130, json.GetProperty("lostRecordings").GetArrayLength());
        var lost = page.Locator("#lost tbody tr");
        await Assertions.Expect(lost).ToHaveCountAsync(100);
        await Assertions.Expect(lost.Nth(99)).ToContainTextAsync("Twilio deleted recording 99 first");
        var showAll = page.Locator("#lost").GetByRole(AriaRole.Button, new() { Name = "Show all 130 rows" });
        await showAll.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(lost).ToHaveCountAsync(130);
        await Assertions.Expect(lost.Nth(129)).ToContainTextAsync("Twilio deleted recording 129 first");
        await Assertions.Expect(page.Locator("#lost .more")).ToHaveTextAsync("Recordings that could not be kept, with the reason: all 130 rows.");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Report_EmptyPeriod_SaysSoInsteadOfZeros()
    {
        await using var context = await NewContextAsync();
        var (page, json) = await OpenAsync(context, "from=2020-01-01&to=2020-01-31");

        Assert.True(json.GetProperty("empty").GetBoolean());
        await Assertions.Expect(page.Locator("#empty")).ToHaveTextAsync(json.GetProperty("emptyText").GetString()!);
        await Assertions.Expect(page.Locator("#calls")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("canvas")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Report_SignInAndLoaded_HaveNoSeriousAccessibilityViolations_AndTheFiltersWorkByKeyboard()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url($"from={host.Week.From}&to={host.Week.To}"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await SignIn.ViaPopupAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Sam Okafor");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Report for");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // From the jurisdiction field, Enter submits the filters.
        await page.GetByLabel("Jurisdiction", new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("US-TX");
        var answer = page.WaitForResponseAsync(r => r.Url.Contains("jurisdiction=US-TX", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(200, (await answer).Status);
        await Assertions.Expect(page.Locator("#period")).ToContainTextAsync("only jurisdiction US-TX");
    }

    [Fact]
    public async Task Report_Printed_HidesTheFiltersAndFitsEachChartToA4()
    {
        await using var context = await NewContextAsync();
        var (page, _) = await OpenAsync(context, $"from={host.Week.From}&to={host.Week.To}");

        // A4 at 96 px per inch, as the browser lays out a printed page.
        await page.SetViewportSizeAsync(794, 1123);
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.Locator("#filters")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#exports")).ToBeHiddenAsync();
        Assert.Equal("page", await page.Locator("#consent").EvaluateAsync<string>("s => getComputedStyle(s).breakBefore"));
        foreach (var box in await page.Locator(".canvas-box").AllAsync())
        {
            // 170 mm at 96 px per inch: the printable width of A4 with the page's margins.
            Assert.InRange((await box.BoundingBoxAsync())!.Width, 600, 645);
        }

        // Chart.js follows its box: every canvas is redrawn within the printed width.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas[data-chart]')].every(c => c.getBoundingClientRect().width <= c.parentElement.getBoundingClientRect().width + 1)");
        await Screenshots.TakeAsync(page, "compliance-report-print");
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { Format = "A4", PrintBackground = true }));
        var sections = await page.Locator(".report-section").CountAsync();
        Assert.True(System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page[^s]") >= sections, $"each of the {sections} sections starts a page of the PDF");
    }

    [Fact]
    public async Task Report_ExportLinks_NameTheApiWithTheSameFilters()
    {
        await using var context = await NewContextAsync();
        var (page, _) = await OpenAsync(context, $"from={host.Week.From}&to={host.Week.To}&jurisdiction=US-CA");

        var csv = await page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href");
        Assert.StartsWith($"{Api}?from={host.Week.From}&to={host.Week.To}&jurisdiction=US-CA&tz=Europe%2FBerlin", csv, StringComparison.Ordinal);
        Assert.EndsWith("format=csv", csv, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("section,subject,measure,value", text, StringComparison.Ordinal);
        Assert.Contains("report,,timeZone,Europe/Berlin", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxCrmPage_LinksTheComplianceReport()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.Service, "/").ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "compliance report" }).ClickAsync();

        await page.WaitForURLAsync(new Uri(host.Service, "/reports/compliance").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to see the report" })).ToBeVisibleAsync();
    }

    private string Url(string query) => new Uri(host.Service, $"/reports/compliance?{query}").ToString();

    private static Task<IBrowserContext> NewContextAsync() =>
        SharedBrowser.NewContextAsync(new() { TimezoneId = ReportPagesHost.Zone, ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });

    /// <summary>Opens the report signed in as the reviewer, and returns the page with the API's answer it drew.</summary>
    private async Task<(IPage Page, JsonElement Json)> OpenAsync(IBrowserContext context, string query)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url(query));
        var answer = page.WaitForResponseAsync(r => r.Url.Contains(Api, StringComparison.Ordinal));
        await SignIn.ViaPopupAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Sam Okafor");
        var response = await answer;
        Assert.Equal(200, response.Status);
        Assert.Contains("tz=Europe%2FBerlin", response.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Report for");
        return (page, JsonDocument.Parse(await response.TextAsync()).RootElement.Clone());
    }
}
