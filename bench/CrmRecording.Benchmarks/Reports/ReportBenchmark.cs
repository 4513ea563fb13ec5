using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using CrmRecording.Core.Reports;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Reports;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Reports;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmRecording.Benchmarks.Reports;

/// <summary>
/// <c>report [--calls N] [--outside M] [--postgres CONNECTION [--postgres-only]]</c>: the compliance report over a period of N generated
/// calls (100,000) with M more outside it (50,000), their consent events, listens and retention rows, on SQLite and (with
/// a server) PostgreSQL; each timed with the report's indexes, then without them in the same run, with the query plans.
/// </summary>
internal static class ReportBenchmark
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><c>--crmrec PATH/crmrec.dll</c>: also time <c>crmrec report compliance</c> over the same stores, as a process.</summary>
    private static string? Crmrec { get; set; }

    public static async Task<int> RunAsync(string[] args)
    {
        Crmrec = Arguments.Text(args, "--crmrec");
        var calls = Arguments.Number(args, "--calls", 100_000);
        var outside = Arguments.Number(args, "--outside", 50_000);
        var postgres = Arguments.Text(args, "--postgres");
        var dir = Directory.CreateTempSubdirectory("crmrec-report-bench");
        try
        {
            if (!args.Contains("--postgres-only"))
            {
                await RunOnAsync("sqlite", calls, outside, dir.FullName, null);
            }

            if (postgres is not null)
            {
                var name = "crmrec_bench_" + Guid.NewGuid().ToString("N")[..8];
                await AdminAsync(postgres, $"CREATE DATABASE {name};");
                try
                {
                    await RunOnAsync("postgres", calls, outside, dir.FullName, new NpgsqlConnectionStringBuilder(postgres) { Database = name, MaxPoolSize = 32 }.ConnectionString);
                }
                finally
                {
                    NpgsqlConnection.ClearAllPools();
                    await AdminAsync(postgres, $"DROP DATABASE IF EXISTS {name} WITH (FORCE);");
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }

        return 0;
    }

    private static async Task RunOnAsync(string store, int count, int outside, string dir, string? postgres)
    {
        var random = new Random(15);
        var now = Start.AddDays(40);
        await using var callStore = postgres is null ? SqlCallStore.ForSqlite(Path.Combine(dir, "calls.db")) : SqlCallStore.ForPostgres(postgres);
        await using IMetadataStore metadata = postgres is null ? new SqliteMetadataStore(Path.Combine(dir, "vault.db")) : new PostgresMetadataStore(postgres);
        await callStore.MigrateAsync();
        await metadata.MigrateAsync();
        var watch = Stopwatch.StartNew();
        var generated = Enumerable.Range(0, count + outside)
            .Select(i => ReportData.Call(i, i < count ? Start.AddSeconds(random.NextDouble() * 30 * 86400) : Start.AddDays(random.Next(2) == 0 ? -random.Next(1, 60) : random.Next(31, 90)), random))
            .ToList();
        foreach (var chunk in generated.Chunk(2000))
        {
            await Task.WhenAll(chunk.Select(c => callStore.AddAsync(c)));
        }

        await using (var connection = await OpenAsync(dir, postgres, "vault.db"))
        {
            var events = await ReportData.AuditAsync(connection, postgres is not null, generated, random);
            await ReportData.RecordingsAsync(connection, postgres is not null, generated, now, random);
            await AnalyzeAsync(connection, postgres is not null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{store}: {count:N0} calls in the period, {outside:N0} outside, {events:N0} audit events; generated and stored in {watch.Elapsed.TotalSeconds:F1} s"));
        }

        await using (var connection = await OpenAsync(dir, postgres, "calls.db"))
        {
            await AnalyzeAsync(connection, postgres is not null);
        }

        await using IVaultReportSource vault = postgres is null ? new SqliteVaultReportSource(Path.Combine(dir, "vault.db")) : new PostgresVaultReportSource(postgres);
        var reports = new ComplianceReports(callStore, vault, new ReportRules("rules 2026.11.1", "default", []), ReportLinks.PlayerOnly, new FixedTime(now));
        var request = new ReportRequest(Start, Start.AddDays(30), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        // Once cold (the JIT and the caches), then warm: the warm one says where a report's time goes.
        await BreakdownAsync(store + " (cold)", callStore, vault, request, now);
        await BreakdownAsync(store, callStore, vault, request, now);
        var indexed = await TimeAsync(reports, request, count);
        if (Crmrec is { } cli)
        {
            await CliAsync(store, cli, dir, postgres, count);
        }

        await PlanAsync(store, dir, postgres, "with indexes");
        await IndexesAsync(dir, postgres, drop: true);
        var unindexed = await TimeAsync(reports, request, count);
        await PlanAsync(store, dir, postgres, "without");
        await IndexesAsync(dir, postgres, drop: false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{store}: report of {count:N0} calls: with the indexes {Text(indexed)}; without them {Text(unindexed)} (target < 2 s)"));
    }

    private static async Task<List<double>> TimeAsync(ComplianceReports reports, ReportRequest request, int expected)
    {
        var runs = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var run = 0; run < 4; run++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var report = await reports.RunAsync(request);
            var json = ReportJson.Write(report);
            watch.Stop();
            if (report.Calls.Total != expected || json.Length == 0)
            {
                throw new InvalidOperationException($"The report counted {report.Calls.Total} calls; {expected} were generated in the period.");
            }

            process.Refresh();
            if (run > 0)
            {
                // The first run warms the caches and the JIT. CPU time is what the report costs on a machine shared with
                // other work (wall time then mostly measures the wait for a core).
                runs.Add(watch.Elapsed.TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run}: wall {watch.Elapsed.TotalSeconds:F2} s, CPU {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s, load average {LoadAverage()}"));
            }
        }

        return runs;
    }

    /// <summary>
    /// The same report as an operator makes it: <c>crmrec report compliance … --format json --out FILE</c>, a new process
    /// each time (start-up and JIT included), with the CLI's own garbage collector.
    /// </summary>
    private static async Task CliAsync(string store, string cli, string dir, string? postgres, int expected)
    {
        var runs = new List<double>();
        var output = Path.Combine(dir, "report.json");
        for (var run = 0; run < 3; run++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { cli, "report", "compliance", "--data", dir, "--from", "2026-10-01T00:00:00Z", "--to", "2026-10-31T00:00:00Z", "--tz", "America/New_York", "--format", "json", "--out", output })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment.Remove("DOTNET_gcServer"); // the benchmark runs with the service's; crmrec has its own
            if (postgres is not null)
            {
                start.Environment["Vault__Metadata"] = "postgres";
                start.Environment["Vault__Postgres"] = postgres;
            }

            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            watch.Stop();
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(output));
            var total = json.RootElement.GetProperty("calls").GetProperty("total").GetInt32();
            if (process.ExitCode != 0 || total != expected)
            {
                throw new InvalidOperationException($"crmrec report compliance exited {process.ExitCode} with {total} calls: {await error}");
            }

            runs.Add(watch.Elapsed.TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{store}: crmrec report compliance --format json over the same stores, a new process each run: {Text(runs)}"));
    }

    /// <summary>Where one report's time goes: each query, the chain's verification, the computation and the JSON (wall and CPU time).</summary>
    private static async Task BreakdownAsync(string store, SqlCallStore calls, IVaultReportSource vault, ReportRequest request, DateTimeOffset now)
    {
        var steps = new List<string>();
        var process = Process.GetCurrentProcess();
        async Task<T> Step<T>(string name, Func<Task<T>> run, Func<T, string> size)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = await run();
            watch.Stop();
            process.Refresh();
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {watch.Elapsed.TotalSeconds:F2} s (CPU {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s{size(result)})"));
            return result;
        }

        var rows = await Step("calls", () => calls.ListForReportAsync(request.From, request.To), r => string.Create(CultureInfo.InvariantCulture, $", {r.Count:N0}"));
        var retention = await Step("retention rows", () => vault.ListRetentionAsync(now + ComplianceReportBuilder.DueWindow), r => string.Create(CultureInfo.InvariantCulture, $", {r.Count:N0}"));
        var (chain, audit) = await Step("audit chain verified + period's events", () => vault.VerifyAndReadAuditAsync(request.From), r => string.Create(CultureInfo.InvariantCulture, $", {r.Chain.Events:N0} verified, {r.Since.Count:N0} kept"));
        var report = await Step("computation", () => Task.FromResult(ComplianceReportBuilder.Build(request, new ReportSources(rows, retention, audit, chain, new ReportRules("r", "p", [])), now, ReportLinks.PlayerOnly)), _ => string.Empty);
        await Step("JSON", () => Task.FromResult(ReportJson.Write(report)), j => string.Create(CultureInfo.InvariantCulture, $", {j.Length / 1e6:F1} MB"));
        Console.WriteLine($"{store}: one report, step by step: {string.Join(", ", steps)}");
    }

    /// <summary>The machine's one-minute load average (the number of runnable threads; this machine has two cores).</summary>
    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string Text(List<double> runs) =>
        string.Create(CultureInfo.InvariantCulture, $"median {runs.Order().ElementAt(runs.Count / 2):F2} s (runs {string.Join(", ", runs.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))})");

    private static async Task PlanAsync(string store, string dir, string? postgres, string label)
    {
        await using var connection = await OpenAsync(dir, postgres, "calls.db");
        await using var command = connection.CreateCommand();
        var sql = SqlCallStore.ReportQuery.Replace("@from", "'2026-10-01T00:00:00.0000000Z'", StringComparison.Ordinal).Replace("@to", "'2026-10-31T00:00:00.0000000Z'", StringComparison.Ordinal);
        command.CommandText = (postgres is null ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetValue(postgres is null ? 3 : 0).ToString()!.Trim());
            }
        }

        Console.WriteLine($"{store} plan of the calls query ({label}): {string.Join(" / ", plan)}");
    }

    private static async Task IndexesAsync(string dir, string? postgres, bool drop)
    {
        foreach (var (file, statements) in new[]
        {
            ("calls.db", drop ? ["DROP INDEX calls_report;"] : new[] { SqlCallStore.ReportIndex(postgres is not null) }),
            ("vault.db", drop
                ? ["DROP INDEX recordings_held;"]
                : new[] { "CREATE INDEX recordings_held ON recordings (held_at) WHERE deleted_at IS NULL AND held_at IS NOT NULL;" }),
        })
        {
            await using var connection = await OpenAsync(dir, postgres, file);
            foreach (var sql in statements)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }

            await AnalyzeAsync(connection, postgres is not null);
        }

    }

    private static async Task AnalyzeAsync(DbConnection connection, bool postgres)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = postgres ? "VACUUM ANALYZE;" : "ANALYZE;";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<DbConnection> OpenAsync(string dir, string? postgres, string file)
    {
        DbConnection connection = postgres is null ? new SqliteConnection($"Data Source={Path.Combine(dir, file)}") : new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
