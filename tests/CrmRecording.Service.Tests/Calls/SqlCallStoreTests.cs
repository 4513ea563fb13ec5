using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>The call store's contract on SQLite and, when scripts/test.sh started one, PostgreSQL.</summary>
public sealed class SqlCallStoreTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crmrec-calls-").FullName;
    private PostgresTestDatabase? _database;

    public static TheoryData<string> Stores => PostgresTestDatabase.ServerConnectionString is not null ? new() { "sqlite", "postgres" } : new() { "sqlite" };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AddThenGet_RoundTripsEveryMember(string kind)
    {
        await using var store = await OpenAsync(kind);
        var call = CallRecords.New() with
        {
            ConsentEvents = [new ConsentEvent("consent-granted", DateTimeOffset.UnixEpoch, "granted", "keypad", "1", "consent-question", "2026.11.1", "en-US", ["US-CA"], "c1")],
            PausedSpans = [new PausedSpan(DateTimeOffset.UnixEpoch, null, CallRecords.Rep, "silence")],
            Recordings = [new CallRecording("RE" + new string('a', 32), "in-progress")],
        };
        await store.AddAsync(call);

        var read = await store.GetAsync(call.Id);

        Assert.NotNull(read);
        Assert.Equal(1, read.Version);
        Assert.Equal(call.Decision, read.Decision);
        Assert.Equal(call.Jurisdictions, read.Jurisdictions);
        Assert.Equal(call.ConsentEvents.Single().Key, read.ConsentEvents.Single().Key);
        Assert.Equal(call.PausedSpans.Single(), read.PausedSpans.Single());
        Assert.Equal(call.Recordings.Single(), read.Recordings.Single());
        Assert.Null(await store.GetAsync("nope"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task UpdateAsync_ConcurrentChanges_AreAllKept(string kind)
    {
        await using var store = await OpenAsync(kind);
        var call = CallRecords.New();
        await store.AddAsync(call);

        // Twenty webhooks of the same call landing at once each add their own span; none may be lost.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.UpdateAsync(
            call.Id,
            c => c with { PausedSpans = [.. c.PausedSpans, new PausedSpan(DateTimeOffset.UnixEpoch.AddSeconds(i), null, CallRecords.Rep, "skip")] }))));

        var read = await store.GetAsync(call.Id);
        Assert.Equal(20, read!.PausedSpans.Count);
        Assert.Equal(21, read.Version);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AddAsync_ADuplicateAmongConcurrentWrites_FailsAlone_AndTheOthersAreStored(string kind)
    {
        await using var store = await OpenAsync(kind);
        var existing = CallRecords.New();
        await store.AddAsync(existing);
        var fresh = Enumerable.Range(0, 30).Select(_ => CallRecords.New()).ToList();

        var writes = fresh.Select(c => store.AddAsync(c)).Append(store.AddAsync(existing)).ToList();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return true;
            }
            catch (System.Data.Common.DbException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(ok => !ok));
        Assert.False(outcomes[^1]);
        foreach (var call in fresh)
        {
            Assert.NotNull(await store.GetAsync(call.Id));
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task UpdateAsync_ChangeThatReturnsTheSameCall_WritesNothing(string kind)
    {
        await using var store = await OpenAsync(kind);
        var call = CallRecords.New();
        await store.AddAsync(call);

        var same = await store.UpdateAsync(call.Id, c => c);

        Assert.Equal(1, same.Version);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.UpdateAsync("missing", c => c));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ListManualStarts_ReturnsOnlyRepStartedCalls_NewestFirst(string kind)
    {
        await using var store = await OpenAsync(kind);
        var older = CallRecords.New(at: DateTimeOffset.UnixEpoch.AddDays(1)) with { ManualStart = new ManualStart(CallRecords.Rep, DateTimeOffset.UnixEpoch, "told them verbally, they agreed") };
        var newer = CallRecords.New(at: DateTimeOffset.UnixEpoch.AddDays(2));
        await store.AddAsync(older);
        await store.AddAsync(newer);
        await store.UpdateAsync(newer.Id, c => c with { ManualStart = new ManualStart(CallRecords.Rep, DateTimeOffset.UnixEpoch, "verbal disclosure, customer said yes") });
        await store.AddAsync(CallRecords.New());

        var listed = await store.ListManualStartsAsync(10);

        Assert.Equal([newer.Id, older.Id], listed.Select(c => c.Id));
    }

    private async Task<SqlCallStore> OpenAsync(string kind)
    {
        SqlCallStore store;
        if (kind == "postgres")
        {
            _database = await PostgresTestDatabase.CreateAsync("crmrec_calls");
            store = SqlCallStore.ForPostgres(_database!.ConnectionString);
        }
        else
        {
            store = SqlCallStore.ForSqlite(Path.Combine(_directory, "calls.db"));
        }

        await store.MigrateAsync();
        await store.MigrateAsync();
        return store;
    }
}
