using System.Globalization;
using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Tests.Calls;
using CrmRecording.Vault.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Reports;

public sealed class ComplianceReportEndpointTests : IDisposable
{
    private readonly SandboxCall _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private static string Period(string tz = "America/New_York")
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        return string.Create(CultureInfo.InvariantCulture, $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&tz={Uri.EscapeDataString(tz)}");
    }

    [Fact]
    public async Task GetCompliance_AfterACallClickedThroughInTheSandbox_ShowsItToAReviewerWithPlayerLinkAndZone()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.TexasLandline);
        await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Count > 0, "the recording started after the notice");
        Assert.Equal(HttpStatusCode.OK, (await _sandbox.Client.PostAsync($"/api/calls/{placed.CallId}/hangup", null)).StatusCode);
        var call = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.VaultId is not null), "the call's recording stored", seconds: 90);
        var recording = call.Recordings.First(r => r.VaultId is not null).VaultId!;

        var response = await _sandbox.As(SeedData.Users.ComplianceReviewer).GetAsync($"/api/reports/compliance?{Period()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { NoStore: true, Private: true });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.False(root.GetProperty("empty").GetBoolean());
        Assert.Equal(1, root.GetProperty("calls").GetProperty("total").GetInt32());
        Assert.Equal("America/New_York", root.GetProperty("period").GetProperty("timeZone").GetString());
        var listed = root.GetProperty("recordedWithoutConsent").GetProperty("callList").EnumerateArray().Single();
        Assert.Equal(placed.CallId, listed.GetProperty("callId").GetString());
        Assert.Equal(call.DecidingJurisdiction, listed.GetProperty("jurisdiction").GetString());
        Assert.Equal($"/recordings/{recording}", listed.GetProperty("recordings")[0].GetProperty("playerUrl").GetString());
        var placedAt = listed.GetProperty("placedAt").GetDateTimeOffset();
        Assert.Equal(call.CreatedAt, placedAt);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("America/New_York").GetUtcOffset(call.CreatedAt), placedAt.Offset);
        Assert.True(root.GetProperty("audit").GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task GetCompliance_FormatCsv_AnswersTheSameFiguresAsCsv()
    {
        await _sandbox.PlaceAsync(SeedData.Contacts.TexasLandline);
        var reviewer = _sandbox.As(SeedData.Users.ComplianceReviewer);

        var csv = await reviewer.GetAsync($"/api/reports/compliance?{Period("UTC")}&format=csv");
        reviewer.DefaultRequestHeaders.Accept.ParseAdd("text/csv");
        var negotiated = await reviewer.GetAsync($"/api/reports/compliance?{Period("UTC")}");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("section,subject,measure,value\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\ncalls,,total,1\r\n", text, StringComparison.Ordinal);
        Assert.Equal("text/csv", negotiated.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetCompliance_BrowserAcceptingBrotli_GetsTheReportCompressedAndOtherJsonIsNot()
    {
        await _sandbox.PlaceAsync(SeedData.Contacts.TexasLandline);
        var reviewer = _sandbox.As(SeedData.Users.ComplianceReviewer);
        reviewer.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");

        var report = await reviewer.GetAsync($"/api/reports/compliance?{Period("UTC")}");
        var openApi = await reviewer.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(["br"], report.Content.Headers.ContentEncoding);
        await using var brotli = new System.IO.Compression.BrotliStream(await report.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var json = await JsonDocument.ParseAsync(brotli);
        Assert.Equal(1, json.RootElement.GetProperty("calls").GetProperty("total").GetInt32());
        Assert.Empty(openApi.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task GetCompliance_UserWithoutARecordingRole_Is403AndAnonymousIs401()
    {
        // The director manages reps but holds neither recording role (Riley, the seeded rep, reviews through a team).
        var director = await _sandbox.As(SeedData.Users.SalesDirector).GetAsync($"/api/reports/compliance?{Period()}");
        var anonymous = await _sandbox.Anonymous.GetAsync($"/api/reports/compliance?{Period()}");

        Assert.Equal(HttpStatusCode.Forbidden, director.StatusCode);
        Assert.Contains("Recording Reviewers and Recording Administrators", await director.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task GetCompliance_AuditAppendFails_Is503WithTheReasonAndNoReport()
    {
        var reviewer = _sandbox.As(SeedData.Users.ComplianceReviewer);
        await VaultDatabase.ExecuteAsync(_sandbox.Factory.Services, "CREATE TRIGGER refuse_report_viewed BEFORE INSERT ON audit_events WHEN NEW.action = 'report-viewed' BEGIN SELECT RAISE(ABORT, 'refused'); END;");

        var refused = await reviewer.GetAsync($"/api/reports/compliance?{Period()}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Contains("audit trail", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False(problem.RootElement.TryGetProperty("calls", out _));
            Assert.False(problem.RootElement.TryGetProperty("period", out _));
        }

        var metadata = _sandbox.Factory.Services.GetRequiredService<IMetadataStore>();
        Assert.DoesNotContain(await metadata.ReadAuditAsync(), e => e.Entry.Action == "report-viewed");

        // The same request once the trail takes writes again: the report, and its view on record.
        await VaultDatabase.ExecuteAsync(_sandbox.Factory.Services, "DROP TRIGGER refuse_report_viewed;");
        var shown = await reviewer.GetAsync($"/api/reports/compliance?{Period()}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Single(await metadata.ReadAuditAsync(), e => e.Entry.Action == "report-viewed");
    }

    [Theory]
    [InlineData("from=2026-12-07&to=2026-12-01", "to must be after from")]
    [InlineData("from=2026-12-01&to=2026-12-07&tz=Nowhere/City", "not an IANA time zone")]
    [InlineData("to=2026-12-07", "from and to are required")]
    [InlineData("from=2026-12-01&to=2026-12-07&team=north", "team 'north' is not configured")]
    [InlineData("from=2026-12-01&to=2026-12-07&format=xml", "format 'xml' is not json or csv")]
    public async Task GetCompliance_BadRequest_Is400WithTheReason(string query, string reason)
    {
        var response = await _sandbox.As(SeedData.Users.ComplianceReviewer).GetAsync($"/api/reports/compliance?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DocumentsTheReportEndpointWithItsParameters()
    {
        var document = await _sandbox.Anonymous.GetStringAsync("/openapi/v1.json");

        using var json = JsonDocument.Parse(document);
        var operation = json.RootElement.GetProperty("paths").GetProperty("/api/reports/compliance").GetProperty("get");
        var names = operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["from", "to", "tz", "team", "rep", "jurisdiction", "format"], names);
        Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _));
        Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));
    }
}
