using CrmRecording.Service.Calls;
using CrmRecording.Service.Tests.Calls;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmRecording.Service.Tests.Reports;

public sealed class SqlCallStoreReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

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
    public async Task ReportQuery_Sqlite_ReadsOnlyTheCoveringIndex()
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

            // The period's rows come from the index alone, never from the table's documents.
            Assert.Contains("USING COVERING INDEX calls_report", plan, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ReportQuery_Postgres_CanUseTheCoveringIndex()
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
        // An empty table is cheapest to scan; with table scans priced out, the plan shows whether the index alone serves the range.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off; SET enable_bitmapscan = off;", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN " + SqlCallStore.ReportQuery.Replace("@from", "'2026-11-01'", StringComparison.Ordinal).Replace("@to", "'2026-12-01'", StringComparison.Ordinal), connection);
        var plan = string.Join('\n', await ReadAllAsync(command));

        Assert.Contains("Index Only Scan using calls_report", plan, StringComparison.Ordinal);
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

    /// <summary>A call with every kind of evidence the report counts, through its life: placed, answered, paused, recorded.</summary>
    private static CallRecord Eventful(DateTimeOffset at, int n)
    {
        var call = CallRecords.New(at: at) with
        {
            RepName = "Dana Rep",
            DecidingJurisdiction = "US-CA",
            DecidingRule = "all-party",
            ActivityRef = n % 2 == 0 ? new CrmRecording.Service.Crm.CrmRecordRef("dynamics", "phonecall", Guid.NewGuid().ToString("D")) : null,
            EndedAt = at.AddMinutes(9),
            ConsentEvents =
            [
                new ConsentEvent("disclosure-played", at.AddSeconds(3), null, "none", null, "consent", "4", "en-US", ["US-CA"], "x"),
                new ConsentEvent("consent-declined", at.AddSeconds(8), "declined", "keypad", "2", "consent", "4", "en-US", ["US-CA"], "x"),
                new ConsentEvent("consent-granted", at.AddSeconds(12), "granted", "speech", "yes", "consent", "4", "en-US", ["US-CA"], "x"),
            ],
            PausedSpans = [new PausedSpan(at.AddSeconds(60), at.AddSeconds(75.5), CallRecords.Rep, "skip"), new PausedSpan(at.AddSeconds(300), null, CallRecords.Rep, "skip")],
            Recordings = [new CallRecording("RE" + n, "stored", $"v{n:x31}"), new CallRecording("RF" + n, n % 3 == 0 ? "lost" : "discarded", Problem: "Twilio no longer has it")],
        };
        return n % 4 == 0 ? call with { ManualStart = new ManualStart(CallRecords.Rep, at.AddSeconds(20), "Read the disclosure aloud") } : call;
    }

    [Fact]
    public async Task ListForReport_Sqlite_ColumnsGiveTheSameRowsAsTheDocuments()
    {
        var dir = Directory.CreateTempSubdirectory("crmrec-report-columns");
        try
        {
            await using var store = SqlCallStore.ForSqlite(Path.Combine(dir.FullName, "calls.db"));
            await store.MigrateAsync();
            var calls = Enumerable.Range(0, 12).Select(n => Eventful(Start.AddHours(n), n)).ToList();
            foreach (var call in calls)
            {
                await store.AddAsync(call with { EndedAt = null, PausedSpans = [], Recordings = [] });
                await store.UpdateAsync(call.Id, _ => call);
            }

            var rows = await store.ListForReportAsync(Start, Start.AddDays(1));

            Assert.Equal(calls.Select(c => Json(CallReportColumns.Evidence(c).ToRow())), rows.Select(Json));
            Assert.Equal("consent-granted", rows[1].ConsentAnswer!.Kind);
            Assert.Equal(2, rows[1].PausedSpans);
            Assert.Equal(15_500 + (540_000 - 300_000), rows[1].PausedMilliseconds);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_CallsSavedBeforeTheReportColumns_FillsThemFromTheDocuments()
    {
        var dir = Directory.CreateTempSubdirectory("crmrec-report-backfill");
        try
        {
            var file = Path.Combine(dir.FullName, "calls.db");
            var calls = Enumerable.Range(0, 7).Select(n => Eventful(Start.AddHours(n), n)).ToList();
            // The table as it was before the columns: documents only.
            await using (var connection = new SqliteConnection($"Data Source={file}"))
            {
                await connection.OpenAsync();
                await using var create = connection.CreateCommand();
                create.CommandText = "CREATE TABLE calls (id TEXT PRIMARY KEY, version BIGINT NOT NULL, created_at TEXT NOT NULL, manual INTEGER NOT NULL DEFAULT 0, document TEXT NOT NULL);";
                await create.ExecuteNonQueryAsync();
                foreach (var call in calls)
                {
                    await using var insert = connection.CreateCommand();
                    insert.CommandText = "INSERT INTO calls (id, version, created_at, manual, document) VALUES ($id, 1, $at, $manual, $doc);";
                    insert.Parameters.AddWithValue("$id", call.Id);
                    insert.Parameters.AddWithValue("$at", CallReportColumns.Stamp(call.CreatedAt));
                    insert.Parameters.AddWithValue("$manual", call.ManualStart is null ? 0 : 1);
                    insert.Parameters.AddWithValue("$doc", System.Text.Json.JsonSerializer.Serialize(call with { Version = 1 }, WebJson));
                    await insert.ExecuteNonQueryAsync();
                }
            }

            await using var store = SqlCallStore.ForSqlite(file);
            await store.MigrateAsync();

            await using (var connection = new SqliteConnection($"Data Source={file}"))
            {
                await connection.OpenAsync();
                await using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM calls WHERE report_version = {CallReportColumns.Version} AND json_extract(report_row, '$[3]') = 'record-after-consent' AND json_extract(report_row, '$[13]') = 'consent-granted';";
                Assert.Equal(7L, (long)(await count.ExecuteScalarAsync())!);
            }

            var rows = await store.ListForReportAsync(Start, Start.AddDays(1));
            Assert.Equal(calls.Select(c => Json(CallReportColumns.Evidence(c).ToRow())), rows.Select(Json));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Save_Sqlite_CallWithARowTooLongToIndex_IsSavedAndReportedFromItsDocument()
    {
        var dir = Directory.CreateTempSubdirectory("crmrec-report-long");
        try
        {
            await using var store = SqlCallStore.ForSqlite(Path.Combine(dir.FullName, "calls.db"));
            await store.MigrateAsync();
            await AssertLongRowAsync(store);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Save_Postgres_CallWithARowTooLongToIndex_IsSavedAndReportedFromItsDocument()
    {
        await using var database = await PostgresTestDatabase.CreateAsync("report_long");
        if (database is null)
        {
            return; // No PostgreSQL for this run.
        }

        await using var store = SqlCallStore.ForPostgres(database.ConnectionString);
        await store.MigrateAsync();
        await AssertLongRowAsync(store);
    }

    /// <summary>80 stored recordings: a row of about 3,000 bytes, past what a PostgreSQL index entry holds.</summary>
    private static async Task AssertLongRowAsync(SqlCallStore store)
    {
        var call = Eventful(Start, 1) with { Recordings = [.. Enumerable.Range(0, 80).Select(i => new CallRecording($"RE{i:x32}", "stored", $"{i:x32}"))] };
        await store.AddAsync(call);
        await store.UpdateAsync(call.Id, c => c with { RepName = "Dana Rep-Long" });

        await store.MigrateAsync(); // finds nothing to fill: a row too long is not a stale one
        var row = Assert.Single(await store.ListForReportAsync(Start, Start.AddDays(1)));

        Assert.Equal(Json(CallReportColumns.Evidence(call with { RepName = "Dana Rep-Long" }).ToRow()), Json(row));
        Assert.Equal(80, row.VaultIds.Count);
    }

    private static string Json(CrmRecording.Core.Reports.ReportCallRow row) => System.Text.Json.JsonSerializer.Serialize(row);

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
