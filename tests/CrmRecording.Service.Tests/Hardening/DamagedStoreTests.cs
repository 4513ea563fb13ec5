using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Tests.Calls;
using CrmRecording.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Hardening;

/// <summary>A damaged SQLite file: the service says so and stops, or answers not ready; no CRM activity is left behind.</summary>
public sealed class DamagedStoreTests
{
    [Fact]
    public async Task HealthReady_CallsDatabaseWithADamagedTablePage_IsNotReady()
    {
        using var factory = new ServiceFactory { Crm = new FakeCrm() };
        using var client = factory.CreateClient();
        await factory.Services.GetRequiredService<ICallStore>().AddAsync(CallRecords.New());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var calls = Path.Combine(factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Options.ServiceOptions>>().Value.DataDirectory, "calls.db");

        DamagedFile.FlipTableRoot(calls, "calls");

        using var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("not-ready", body, StringComparison.Ordinal);
        Assert.Contains("calls.db", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("header")]
    [InlineData("b-tree page")]
    public async Task Start_DamagedCallsDatabase_RefusesWithOneLineNamingTheFileAndNoStackTrace(string where)
    {
        var data = Directory.CreateTempSubdirectory("crmrec-damaged-").FullName;
        try
        {
            var calls = Path.Combine(data, "calls.db");
            await using (var store = SqlCallStore.ForSqlite(calls))
            {
                await store.MigrateAsync();
                await store.AddAsync(CallRecords.New());
            }

            if (where == "header")
            {
                DamagedFile.FlipByte(calls, 0);
            }
            else
            {
                DamagedFile.FlipTableRoot(calls, "calls");
            }

            using var service = ServiceProcess.Start(new Dictionary<string, string> { ["Service:DataDirectory"] = data });

            Assert.Equal(1, await service.ExitAsync());
            var line = Assert.Single(service.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(calls, line, StringComparison.Ordinal);
            Assert.Contains("backup", line, StringComparison.Ordinal);
            Assert.Contains("crmrec doctor", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", service.Out + service.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Place_WhenTheCallStoreRefusesTheCall_Is503_AndNoPhoneCallIsLeftInTheCrm()
    {
        using var sandbox = new SandboxCall(overrides: services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(ICallStore));
            services.Remove(original);
            services.AddSingleton<ICallStore>(sp => new RefusingCallStore((ICallStore)original.ImplementationFactory!(sp)));
        });
        var before = sandbox.Dataverse.GetRows("phonecalls").Count;

        using var response = await sandbox.Client.PostAsJsonAsync("/api/calls", new { crm = "dynamics", entity = "contact", id = SeedData.Contacts.TexasLandline });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(before, sandbox.Dataverse.GetRows("phonecalls").Count);
        Assert.Empty(sandbox.Twilio.Calls);
    }

    /// <summary>A call store whose file is damaged: every new call is refused as SQLite refuses it.</summary>
    private sealed class RefusingCallStore(ICallStore inner) : ICallStore
    {
        public Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

        public Task AddAsync(CallRecord record, CancellationToken cancellationToken = default) =>
            throw new SqliteException("database disk image is malformed", 11);

        public Task<CallRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public Task<CallRecord> UpdateAsync(string id, Func<CallRecord, CallRecord> change, CancellationToken cancellationToken = default) => inner.UpdateAsync(id, change, cancellationToken);

        public Task<IReadOnlyList<CallRecord>> ListManualStartsAsync(int max, CancellationToken cancellationToken = default) => inner.ListManualStartsAsync(max, cancellationToken);

        public Task<IReadOnlyList<CallRecord>> ListUnsettledAsync(int max, CancellationToken cancellationToken = default) => inner.ListUnsettledAsync(max, cancellationToken);

        public Task<int> CountLostRecordingsAsync(CancellationToken cancellationToken = default) => inner.CountLostRecordingsAsync(cancellationToken);
    }
}

/// <summary>One flipped byte in a SQLite file, after its write-ahead log is folded in, with every pooled connection dropped.</summary>
internal static class DamagedFile
{
    public static void FlipTableRoot(string database, string table)
    {
        long offset;
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint(TRUNCATE); SELECT (SELECT rootpage FROM sqlite_master WHERE name = '{table}'), (SELECT page_size FROM pragma_page_size());";
            using var reader = command.ExecuteReader();
            reader.NextResult();
            reader.Read();
            offset = (reader.GetInt64(0) - 1) * reader.GetInt64(1);
        }

        FlipByte(database, offset);
    }

    public static void FlipByte(string database, long offset)
    {
        SqliteConnection.ClearAllPools();
        using var stream = new FileStream(database, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0xFF));
    }
}
