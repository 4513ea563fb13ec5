using System.Globalization;
using System.Text.Json;
using CrmRecording.Core.Reports;

namespace CrmRecording.Core.Tests.Reports;

public sealed class ComplianceReportBuilderTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData(1, 400)]
    [InlineData(7, 1500)]
    [InlineData(42, 60)]
    public void Build_GeneratedPeriod_EveryFigureInJsonAndCsvEqualsTheOneCountedFromTheRawRows(int seed, int calls)
    {
        var (evidence, sources) = ReportScenario.GenerateWithEvidence(seed, calls);
        var report = ComplianceReportBuilder.Build(new ReportRequest(ReportScenario.From, ReportScenario.To, NewYork), sources, ReportScenario.Now, ReportLinks.PlayerOnly);
        var expected = ReportExpectations.Of(evidence, sources, ReportScenario.From, ReportScenario.To, ReportScenario.Now);
        var csv = CsvFacts(ReportCsv.Write(report));
        using var json = JsonDocument.Parse(ReportJson.Write(report));

        Assert.True(expected["calls||total"] > 10, "the scenario must place calls in the period");
        foreach (var (key, value) in expected.Where(k => k.Key != "pauses||pausedMs"))
        {
            Assert.True(csv.TryGetValue(key, out var shown), $"the CSV has no {key}");
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), shown);
        }

        Assert.Equal(expected["pauses||pausedMs"] / 1000.0, double.Parse(csv["pauses||pausedSeconds"], CultureInfo.InvariantCulture), 3);
        var root = json.RootElement;
        Assert.Equal(expected["calls||total"], root.GetProperty("calls").GetProperty("total").GetInt32());
        foreach (var d in root.GetProperty("calls").GetProperty("byDecision").EnumerateArray())
        {
            Assert.Equal(expected[$"calls.byDecision|{d.GetProperty("decision").GetString()}|calls"], d.GetProperty("calls").GetInt32());
        }

        foreach (var j in root.GetProperty("calls").GetProperty("byJurisdiction").EnumerateArray())
        {
            Assert.Equal(expected[$"calls.byJurisdiction|{j.GetProperty("jurisdiction").GetString()}|calls"], j.GetProperty("calls").GetInt32());
        }

        var consent = root.GetProperty("consent").GetProperty("totals");
        foreach (var measure in new[] { "asked", "granted", "declined", "noAnswer", "unrecognized" })
        {
            Assert.Equal(expected.GetValueOrDefault($"consent||{measure}"), consent.GetProperty(measure).GetInt32());
        }

        foreach (var j in root.GetProperty("consent").GetProperty("byJurisdiction").EnumerateArray())
        {
            Assert.Equal(expected[$"consent.byJurisdiction|{j.GetProperty("jurisdiction").GetString()}|asked"], j.GetProperty("counts").GetProperty("asked").GetInt32());
        }

        Assert.Equal(expected.GetValueOrDefault("recordedWithoutConsent||calls"), root.GetProperty("recordedWithoutConsent").GetProperty("calls").GetInt32());
        Assert.Equal(expected.GetValueOrDefault("manualStarts||count"), root.GetProperty("manualStarts").GetArrayLength());
        Assert.Equal(expected.GetValueOrDefault("pauses||pauses"), root.GetProperty("pauses").GetProperty("pauses").GetInt32());
        Assert.Equal(expected.GetValueOrDefault("pauses||refusedPauses"), root.GetProperty("pauses").GetProperty("refusals").GetArrayLength());
        Assert.Equal(expected.GetValueOrDefault("lostRecordings||count"), root.GetProperty("lostRecordings").GetArrayLength());
        var access = root.GetProperty("access");
        foreach (var measure in new[] { "listens", "listenSessions", "views", "refusals" })
        {
            Assert.Equal(expected.GetValueOrDefault($"access||{measure}"), access.GetProperty(measure).GetInt32());
        }

        foreach (var u in access.GetProperty("byUser").EnumerateArray())
        {
            var id = u.GetProperty("user").GetProperty("id").GetString();
            Assert.Equal(expected.GetValueOrDefault($"access.byUser|{id}|listens"), u.GetProperty("listens").GetInt32());
        }

        Assert.Equal(expected["retention||dueForDeletion"], root.GetProperty("retention").GetProperty("dueForDeletion").GetArrayLength());
        Assert.Equal(expected["retention||holds"], root.GetProperty("retention").GetProperty("holds").GetArrayLength());
        Assert.Equal(expected["retention||erasures"], root.GetProperty("retention").GetProperty("erasures").GetArrayLength());
        var text = ReportText.Write(report);
        Assert.Contains($"Calls: {expected["calls||total"]}\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"Started by hand: {expected.GetValueOrDefault("manualStarts||count")}\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"Listens: {expected["access||listens"]} ({expected.GetValueOrDefault("access||listenSessions")} listening sessions)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NothingInThePeriod_SaysSoInsteadOfShowingZerosAsData()
    {
        var sources = ReportScenario.Generate(3, 50);
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var report = ComplianceReportBuilder.Build(new ReportRequest(from, from.AddDays(7), NewYork), sources, ReportScenario.Now, ReportLinks.PlayerOnly);

        Assert.True(report.Empty);
        Assert.Contains("No calls were placed and nothing was audited from 2024-12-31 19:00 -05:00 to 2025-01-07 19:00 -05:00 (America/New_York)", report.EmptyText, StringComparison.Ordinal);
        Assert.Contains("report,,empty,true", ReportCsv.Write(report), StringComparison.Ordinal);
        Assert.Contains(report.EmptyText!, ReportText.Write(report), StringComparison.Ordinal);
        Assert.Contains("class=\"empty\"", ReportHtml.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TimesAreTheSameInstantsShownWithTheViewersOffset()
    {
        var sources = ReportScenario.Generate(5, 300);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        var report = ComplianceReportBuilder.Build(new ReportRequest(ReportScenario.From, ReportScenario.To, paris), sources, ReportScenario.Now, ReportLinks.PlayerOnly);

        var line = report.RecordedWithoutConsent.CallList[0];
        var raw = sources.Calls.Single(c => c.Id == line.CallId);
        Assert.Equal(raw.CreatedAt, line.PlacedAt);
        Assert.Equal(paris.GetUtcOffset(raw.CreatedAt), line.PlacedAt.Offset);
        Assert.Equal("Europe/Paris", report.Period.TimeZone);
        Assert.Equal(TimeSpan.FromHours(1), report.GeneratedAt.Offset);
    }

    [Fact]
    public void Build_RepAndJurisdictionFilters_KeepOnlyThatRepsCallsDecidedThere()
    {
        var sources = ReportScenario.Generate(11, 800);
        var rep = ReportScenario.Reps[0];

        var report = ComplianceReportBuilder.Build(new ReportRequest(ReportScenario.From, ReportScenario.To, TimeZoneInfo.Utc, Rep: rep, Jurisdiction: "US-CA"), sources, ReportScenario.Now, ReportLinks.PlayerOnly);

        var expected = sources.Calls.Count(c => c.RepId == rep && c.DecidingJurisdiction == "US-CA" && c.CreatedAt >= ReportScenario.From && c.CreatedAt < ReportScenario.To);
        Assert.True(expected > 0);
        Assert.Equal(expected, report.Calls.Total);
        Assert.Equal("US-CA", Assert.Single(report.Calls.ByJurisdiction).Jurisdiction);
    }

    [Fact]
    public void Build_HandStartReviewedByAReviewerAfterThePeriod_NamesTheFirstReviewerNotTheRep()
    {
        var rep = ReportScenario.Reps[0];
        var reviewer = ReportScenario.Reviewers[0];
        var call = (ReportScenario.GenerateWithEvidence(2, 1).Evidence[0] with
        {
            CreatedAt = ReportScenario.From.AddDays(1),
            Crm = "dynamics",
            RepId = rep,
            Decision = "record-after-notice",
            ManualStart = new ReportManualStart(rep, ReportScenario.From.AddDays(1), "Read the disclosure; the customer agreed"),
            Recordings = [new ReportCallRecording("RE1", "stored", "aaaa", null)],
        }).ToRow();
        ReportAuditRow Event(long seq, int days, string user, string basis) => new(seq, ReportScenario.To.AddDays(days), "playback", $"crm-user:{user}", "aaaa", $"bytes=0-9 status=206 basis=\"{basis}\"");
        var sources = new ReportSources([call], [], [Event(1, 1, rep, "owner"), Event(2, 2, reviewer, "role:Recording Reviewer"), Event(3, 3, ReportScenario.Reviewers[1], "owner-manager")], new AuditChainState(3, 3, null, null, null, null), new ReportRules("r", "p", []));

        var report = ComplianceReportBuilder.Build(new ReportRequest(ReportScenario.From, ReportScenario.To, TimeZoneInfo.Utc), sources, ReportScenario.Now, ReportLinks.PlayerOnly);

        var review = Assert.Single(report.ManualStarts).Review!;
        Assert.Equal(reviewer, review.By.Id);
        Assert.Equal("role:Recording Reviewer", review.Basis);
        Assert.Equal(ReportScenario.To.AddDays(2), review.At);
        Assert.Equal("/recordings/aaaa", Assert.Single(report.ManualStarts[0].Call.Recordings).PlayerUrl);
    }

    [Fact]
    public void Build_SalesforceCall_LinksThePlayerWithSalesforceSignIn()
    {
        var call = ReportScenario.Generate(9, 40).Calls.First(c => c.Crm == "salesforce" && c.VaultIds.Count > 0) with { CreatedAt = ReportScenario.From, Decision = "record" };
        var links = new ReportLinks(ReportLinks.DefaultPlayer, r => $"https://acme.my.salesforce.com/lightning/r/{r.Entity}/{r.Id}/view");

        var report = ComplianceReportBuilder.Build(new ReportRequest(ReportScenario.From, ReportScenario.To, TimeZoneInfo.Utc), new ReportSources([call], [], [], new AuditChainState(0, null, null, null, null, null), new ReportRules("r", "p", [])), ReportScenario.Now, links);

        var line = Assert.Single(report.RecordedWithoutConsent.CallList);
        Assert.EndsWith("?crm=salesforce", line.Recordings[0].PlayerUrl, StringComparison.Ordinal);
        Assert.Equal($"https://acme.my.salesforce.com/lightning/r/Contact/{call.Record.Id}/view", line.Record.Url);
    }

    private static Dictionary<string, string> CsvFacts(string csv)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length == 4)
            {
                facts[$"{fields[0]}|{fields[1]}|{fields[2]}"] = fields[3];
            }
        }

        return facts;
    }
}
