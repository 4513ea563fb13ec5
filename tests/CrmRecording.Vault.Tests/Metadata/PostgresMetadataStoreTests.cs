using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Metadata;
using Npgsql;

namespace CrmRecording.Vault.Tests.Metadata;

/// <summary>The metadata store contract on PostgreSQL, plus what only a store shared by several service instances must do.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresMetadataStoreTests : MetadataStoreContract
{
    private PostgresTestDatabase? _database;

    private PostgresTestDatabase Database => _database ?? throw new InvalidOperationException("The test database was not created.");

    protected override async Task<IMetadataStore> CreateStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return new PostgresMetadataStore(_database.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        if (_database is null)
        {
            return; // CreateStoreAsync failed (say, CRMREC_TEST_POSTGRES unset) and reported why; there is no store to dispose.
        }

        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task SchemaVersion_BeforeAnyMigration_IsZero()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var store = new PostgresMetadataStore(database.ConnectionString);
        Assert.Equal(0, await store.SchemaVersionAsync());
    }

    [Fact]
    public async Task Migrate_FromThreeInstancesAtOnce_AppliesEachMigrationOnce()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var stores = Enumerable.Range(0, 3).Select(_ => new PostgresMetadataStore(database.ConnectionString)).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync())));

            foreach (var store in stores)
            {
                Assert.Equal(PostgresSchema.Migrations[^1].Version, await store.SchemaVersionAsync());
            }

            Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), await AppliedVersionsAsync(database.ConnectionString));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Audit_AppendsFromThreeInstancesAtOnce_FormOneUnbrokenChain()
    {
        await using var second = new PostgresMetadataStore(Database.ConnectionString);
        await using var third = new PostgresMetadataStore(Database.ConnectionString);
        IMetadataStore[] instances = [Store, second, third];

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            instances[i % 3].AppendAuditAsync(new AuditEntry(T0.AddTicks(i * 1_234_567L), "access", $"user-{i}", null, $"range {i}")))));

        var events = await second.ReadAuditAsync();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Null(AuditChain.Verify(events));
        Assert.Equal(AuditChain.Genesis, events[0].PreviousHash);
        Assert.Equal(30, events.Select(e => e.Entry.Actor).Distinct().Count());
    }

    [Fact]
    public async Task AddRecording_FromThreeInstancesAtOnce_EachCommitsWithItsAuditEvent()
    {
        await using var second = new PostgresMetadataStore(Database.ConnectionString);
        await using var third = new PostgresMetadataStore(Database.ConnectionString);
        IMetadataStore[] instances = [Store, second, third];
        var recordings = Enumerable.Range(0, 12).Select(_ => Recording()).ToList();

        await Task.WhenAll(recordings.Select((r, i) => Task.Run(() =>
            instances[i % 3].AddRecordingAsync(r, new AuditEntry(T0, "import", "tester", r.Id.Value, null)))));

        var events = await third.ReadAuditAsync();
        Assert.Null(AuditChain.Verify(events));
        Assert.Equal(recordings.Select(r => r.Id.Value).Order(), events.Select(e => e.Entry.RecordingId!).Order());
        Assert.Equal(12, (await Store.ListRecordingsAsync(new RecordingQuery())).Count);
    }

    [Fact]
    public async Task AddThenGet_RecordingTimeBelowAMicrosecond_IsTruncatedToPostgresMicrosecond()
    {
        var r = Recording() with { CreatedAt = T0.AddTicks(1_234_567) };
        await Store.AddRecordingAsync(r, new AuditEntry(T0, "import", "tester", r.Id.Value, null));
        Assert.Equal(T0.AddTicks(1_234_560), (await Store.GetRecordingAsync(r.Id))!.CreatedAt);
    }

    private static async Task<List<int>> AppliedVersionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
