using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CrmRecording.Service.Calls;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Benchmarks.Reports;

/// <summary>
/// <c>report-page generate --data DIR [--calls N] [--outside M]</c>: N generated calls in the 30 whole days (UTC) before
/// today and M more in the 60 days before those, written where the service started with <c>Service:DataDirectory=DIR</c>
/// keeps them (DIR/calls.db, DIR/vault.db, the key file beside DIR), with their listens and retention rows. The
/// customers' numbers are sealed with a field key wrapped by that key file, as the service seals them, so the service
/// starts on the data as it would on its own. Prints the period's first and last days (yyyy-MM-dd).
/// </summary>
internal static class ReportPageData
{
    public static async Task<int> GenerateAsync(string[] args)
    {
        var data = Path.GetFullPath(Arguments.Text(args, "--data") ?? throw new ArgumentException("--data DIR is required."));
        var count = Arguments.Number(args, "--calls", 100_000);
        var outside = Arguments.Number(args, "--outside", 50_000);
        var now = TimeProvider.System.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var from = today.AddDays(-30);
        var watch = Stopwatch.StartNew();

        Directory.CreateDirectory(data);
        var keys = LocalKeyRing.OpenOrCreate(KeyFileLocation.Default(data), now);
        var phoneKey = RandomNumberGenerator.GetBytes(32);
        await using (var metadata = new SqliteMetadataStore(Path.Combine(data, "vault.db")))
        {
            await metadata.MigrateAsync();
            if (!await metadata.AddFieldKeyAsync(PhoneKeyName, await keys.WrapAsync(phoneKey), now))
            {
                throw new InvalidOperationException($"{data} already holds data: generate into an empty directory.");
            }
        }

        var random = new Random(15);
        // Calls of past days are settled (ended, recordings deleted at Twilio and linked in the CRM), so the service's
        // reconciliation leaves them alone while the page is measured.
        var generated = Enumerable.Range(0, count + outside)
            .Select(i => ReportData.Call(i, i < count ? from.AddSeconds(random.NextDouble() * 30 * 86400) : from.AddDays(-random.Next(1, 60)).AddSeconds(random.Next(86400)), random))
            .Select(c => c with { Recordings = [.. c.Recordings.Select(r => r with { DeletedAtTwilio = true, WrittenToCrm = true })] })
            .ToList();
        await using (var calls = SqlCallStore.ForSqlite(Path.Combine(data, "calls.db"), _ => ValueTask.FromResult(phoneKey)))
        {
            await calls.MigrateAsync();
            foreach (var chunk in generated.Chunk(2000))
            {
                await Task.WhenAll(chunk.Select(c => calls.AddAsync(c)));
            }
        }

        int events;
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "vault.db")}"))
        {
            await connection.OpenAsync();
            events = await ReportData.AuditAsync(connection, postgres: false, generated, random);
            // Every retention date after today, so the service's retention sweep has nothing to delete meanwhile.
            await ReportData.RecordingsAsync(connection, postgres: false, generated, today.AddDays(6), random);
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE;";
            await analyze.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {count:N0} calls from {from:yyyy-MM-dd} to {today.AddDays(-1):yyyy-MM-dd} (UTC), {outside:N0} before them, {events:N0} audit events, in {data}: {watch.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd} {today.AddDays(-1):yyyy-MM-dd}"));
        return 0;
    }

    /// <summary>The service's name for the call store's field key (<c>PhoneNumberKey.Name</c>, internal to the service).</summary>
    private const string PhoneKeyName = "call-phone-numbers";
}
