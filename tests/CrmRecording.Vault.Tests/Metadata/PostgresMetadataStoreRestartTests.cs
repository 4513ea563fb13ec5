using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Vault.Tests.Metadata;

/// <summary>
/// A PostgreSQL restart between two operations: the pooled connections are dead, and the next operation must still succeed
/// (retried once on a fresh connection).
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresMetadataStoreRestartTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    private PostgresTestDatabase? _database;
    private PostgresMetadataStore? _store;

    private PostgresMetadataStore Store => _store ?? throw new InvalidOperationException("The store was not created.");

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _store = new PostgresMetadataStore(_database.ConnectionString);
        await _store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetRecording_AfterServerRestart_Succeeds()
    {
        var r = Recording();
        await Store.AddRecordingAsync(r, Import(r));

        await PostgresTestServer.RestartAsync();

        Assert.Equal(r.BlobName, (await Store.GetRecordingAsync(r.Id))?.BlobName);
    }

    [Fact]
    public async Task AddRecording_AfterServerRestart_CommitsOnceWithItsAuditEvent()
    {
        var first = Recording();
        await Store.AddRecordingAsync(first, Import(first));

        await PostgresTestServer.RestartAsync();

        var second = Recording();
        await Store.AddRecordingAsync(second, Import(second));
        Assert.NotNull(await Store.GetRecordingAsync(second.Id));
        var events = await Store.ReadAuditAsync();
        Assert.Equal([first.Id.Value, second.Id.Value], events.Select(e => e.Entry.RecordingId));
        Assert.Null(AuditChain.Verify(events));
    }

    private static AuditEntry Import(RecordingRecord r) => new(T0, "import", "tester", r.Id.Value, null);

    private static RecordingRecord Recording() => new()
    {
        Id = RecordingId.New(),
        BlobName = "blob-" + Guid.NewGuid().ToString("N"),
        PlaintextBytes = 100,
        StoredBytes = 150,
        Sha256 = new string('b', 64),
        ChunkSize = 65536,
        KeyId = "kek-1",
        WrappedKey = new WrappedKey("kek-1", "A256GCM", [9, 8, 7]),
        CreatedAt = T0,
        RetentionClass = "sales",
    };
}
