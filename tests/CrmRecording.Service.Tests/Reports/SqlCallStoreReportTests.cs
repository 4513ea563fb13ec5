using CrmRecording.Service.Calls;
using CrmRecording.Service.Tests.Calls;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmRecording.Service.Tests.Reports;

public sealed class SqlCallStoreReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListForReport_Sqlite_ReturnsThePeriodsCallsWithTheirDecidingRuleAndRefusedPauses()
    {
        var dir = Directory.CreateTempSubdirectory("crmrec-report-calls");
        try
        {
            await using var store = SqlCallStore.ForSqlite(Path.Combine(dir.FullName, "calls.db"));
            await store.MigrateAsync();
            await AssertListsThePeriodAsync(store);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ListForReport_Postgres_ReturnsThePeriodsCallsWithTheirDecidingRuleAndRefusedPauses()
    {
        await using var database = await PostgresTestDatabase.CreateAsync("report_calls");
        if (database is null)
        {
            return; // No PostgreSQL was started for this run (scripts/services.sh); the SQLite test covers the same query.
        }

        await using var store = SqlCallStore.ForPostgres(database.ConnectionString);
        await store.MigrateAsync();
        await AssertListsThePeriodAsync(store);
    }

    [Fact]
    public async Task ReportQuery_Sqlite_UsesTheCreatedAtIndex()
    {
        var dir = Directory.CreateTempSubdirectory("crmrec-report-plan");
        try
        {
            var file = Path.Combine(dir.FullName, "calls.db");
            await using (var store = SqlCallStore.ForSqlite(file))
            {
                await store.MigrateAsync();
            }

            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + SqlCallStore.ReportQuery;
            command.Parameters.AddWithValue("@from", "2026-11-01");
            command.Parameters.AddWithValue("@to", "2026-12-01");
            var plan = string.Join('\n', await ReadAllAsync(command));

            Assert.Contains("USING INDEX calls_created", plan, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ReportQuery_Postgres_CanUseTheCreatedAtIndex()
    {
        await using var database = await PostgresTestDatabase.CreateAsync("report_plan");
        if (database is null)
        {
            return; // No PostgreSQL for this run.
        }

        await using (var store = SqlCallStore.ForPostgres(database.ConnectionString))
        {
            await store.MigrateAsync();
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        // An empty table is cheapest to scan; with scans priced out, the plan shows whether the index serves the range.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off;", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN " + SqlCallStore.ReportQuery.Replace("@from", "'2026-11-01'", StringComparison.Ordinal).Replace("@to", "'2026-12-01'", StringComparison.Ordinal), connection);
        var plan = string.Join('\n', await ReadAllAsync(command));

        Assert.Contains("calls_created", plan, StringComparison.Ordinal);
    }

    private static async Task AssertListsThePeriodAsync(SqlCallStore store)
    {
        var before = CallRecords.New(at: Start.AddTicks(-1));
        var first = CallRecords.New(at: Start) with { DecidingJurisdiction = "US-CA", DecidingRule = "all-party" };
        var last = CallRecords.New(at: Start.AddDays(30).AddTicks(-10)) with { PauseRefusals = [new PauseRefusal(Start.AddDays(29), CallRecords.Rep, "Twilio refused (error 21220)")] };
        var after = CallRecords.New(at: Start.AddDays(30));
        foreach (var call in new[] { after, first, before, last })
        {
            await store.AddAsync(call);
        }

        var rows = await store.ListForReportAsync(Start, Start.AddDays(30));

        Assert.Equal([first.Id, last.Id], rows.Select(r => r.Id));
        Assert.Equal(("US-CA", "all-party"), (rows[0].DecidingJurisdiction, rows[0].DecidingRule));
        Assert.Equal(CallRecords.Rep.ToString("D"), rows[0].RepId);
        Assert.Equal(new CrmRecording.Core.Reports.ReportCrmRef("dynamics", "contact", first.RecordId.ToString("D")), rows[0].Record);
        Assert.Equal("Twilio refused (error 21220)", Assert.Single(rows[1].PauseRefusals).Reason);
        Assert.Equal(first.CreatedAt, rows[0].CreatedAt);
    }

    private static async Task<List<string>> ReadAllAsync(System.Data.Common.DbCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        }

        return lines;
    }
}
