using System.Text.Json;
using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Metadata;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Cli.Tests.Reports;

public sealed class ReportCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("crmrec-report-cli");

    public async Task InitializeAsync()
    {
        await using (var calls = SqlCallStore.ForSqlite(Path.Combine(_data.FullName, "calls.db")))
        {
            await calls.MigrateAsync();
            await calls.AddAsync(Call("a1", November.AddDays(2), RecordingOutcome.RecordAfterNotice) with { ManualStart = new ManualStart(Guid.Empty, November.AddDays(2), "Read the disclosure aloud; the customer agreed") });
            await calls.AddAsync(Call("a2", November.AddDays(29).AddHours(22), RecordingOutcome.DoNotRecord));
            await calls.AddAsync(Call("a3", November.AddDays(-1), RecordingOutcome.Record));
        }

        await using var metadata = new SqliteMetadataStore(Path.Combine(_data.FullName, "vault.db"));
        await metadata.MigrateAsync();
        await metadata.AppendAuditAsync(new AuditEntry(November.AddDays(3), "playback", "crm-user:33333333-3333-4333-8333-333333333333", "rec-a1", "bytes=0-9 status=206 basis=\"role:Recording Reviewer\""));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void ReportCompliance_Json_CountsTheDaysCallsInTheViewersZone()
    {
        // 29 November 22:00 UTC is already 30 November in Paris: inside --to 2026-11-30 there, not in UTC's November 29.
        var result = Crmrec.Run("report", "compliance", "--data", _data.FullName, "--from", "2026-11-01", "--to", "2026-11-30", "--tz", "Europe/Paris", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(2, json.RootElement.GetProperty("calls").GetProperty("total").GetInt32());
        Assert.Equal("Europe/Paris", json.RootElement.GetProperty("period").GetProperty("timeZone").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("access").GetProperty("listens").GetInt32());
        Assert.Equal("/recordings/rec-a1", json.RootElement.GetProperty("manualStarts")[0].GetProperty("call").GetProperty("recordings")[0].GetProperty("playerUrl").GetString());
    }

    [Fact]
    public void ReportCompliance_TextAndCsv_ShowTheSameFigures()
    {
        var text = Crmrec.Run("report", "compliance", "--data", _data.FullName, "--from", "2026-11-01", "--to", "2026-11-29");
        var csv = Crmrec.Run("report", "compliance", "--data", _data.FullName, "--from", "2026-11-01", "--to", "2026-11-29", "--format", "csv");

        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("Calls: 1" + Environment.NewLine, text.Out, StringComparison.Ordinal);
        Assert.Contains("Started by hand: 1", text.Out, StringComparison.Ordinal);
        Assert.Contains("\r\ncalls,,total,1\r\n", csv.Out, StringComparison.Ordinal);
        Assert.Contains("\r\nmanualStarts,,count,1\r\n", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportCompliance_HtmlToFile_IsAStandaloneDocumentWithoutScripts()
    {
        var file = Path.Combine(_data.FullName, "report.html");

        var result = Crmrec.Run("report", "compliance", "--data", _data.FullName, "--from", "2026-11-01", "--to", "2026-11-30", "--format", "html", "--out", file);

        Assert.True(result.ExitCode == 0, result.Error);
        var html = File.ReadAllText(file);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("Read the disclosure aloud; the customer agreed", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportCompliance_CallStoreOfAnEarlierVersion_ExitsTwoSayingToStartTheServiceFirst()
    {
        var calls = Path.Combine(_data.FullName, "calls.db");
        File.Delete(calls);
        await using (var connection = new SqliteConnection($"Data Source={calls}"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE calls (id TEXT PRIMARY KEY, version BIGINT NOT NULL, created_at TEXT NOT NULL, manual INTEGER NOT NULL DEFAULT 0, document TEXT NOT NULL);";
            await create.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var result = Crmrec.Run("report", "compliance", "--data", _data.FullName, "--from", "2026-11-01", "--to", "2026-11-30");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("start the service of this version once", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("--tz", "Atlantis/Capital", "not an IANA time zone")]
    [InlineData("--team", "north", "team 'north' is not configured")]
    public void ReportCompliance_BadOption_ExitsTwoWithTheReason(string option, string value, string reason)
    {
        var result = Crmrec.Run("report", "compliance", "--data", _data.FullName, "--from", "2026-11-01", "--to", "2026-11-30", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    private static CallRecord Call(string id, DateTimeOffset at, RecordingOutcome decision) => new()
    {
        Id = id,
        Crm = "dynamics",
        Entity = "contact",
        RecordId = Guid.NewGuid(),
        CustomerTable = "contact",
        CustomerId = Guid.NewGuid(),
        RepUserId = Guid.Empty,
        CustomerPhone = "+14155550101",
        Decision = decision,
        Reasons = ["test"],
        Jurisdictions = ["US-TX"],
        DecidingJurisdiction = "US-TX",
        DecidingRule = "one-party",
        RulesVersion = "rules test",
        CallbackBase = new Uri("https://media.example.com/"),
        Language = "en-US",
        CreatedAt = at,
        Recordings = decision == RecordingOutcome.DoNotRecord ? [] : [new CallRecording("RE" + id, "stored", "rec-" + id)],
    };
}
