using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Vault.Tests.Metadata;

/// <summary>The behaviour every metadata store must have; each implementation's test class derives from this.</summary>
public abstract class MetadataStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    protected IMetadataStore Store { get; private set; } = null!;

    protected abstract Task<IMetadataStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.MigrateAsync();
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    protected static RecordingRecord Recording(string? contact = "contact-1", DateTimeOffset? deleteAfter = null) => new()
    {
        Id = RecordingId.New(),
        BlobName = "blob",
        ContactId = contact,
        CallId = "CA" + Guid.NewGuid().ToString("N"),
        ConsentLogRef = null,
        PlaintextBytes = 12345,
        StoredBytes = 12500,
        Sha256 = new string('a', 64),
        ChunkSize = 65536,
        KeyId = "kek-1",
        WrappedKey = new WrappedKey("kek-1", "A256GCM", [1, 2, 3, 4, 5]),
        CreatedAt = T0,
        RetentionClass = "sales",
        DeleteAfter = deleteAfter ?? T0.AddDays(365),
    };

    private static AuditEntry Audit(string action, RecordingRecord? r = null) => new(T0, action, "tester", r?.Id.Value, "detail with, commas and \"quotes\"");

    [Fact]
    public async Task Migrate_Twice_IsIdempotentAndAtTheLatestVersion()
    {
        await Store.MigrateAsync();
        Assert.True(await Store.SchemaVersionAsync() >= 1);
    }

    [Fact]
    public async Task AddThenGet_RoundTripsEveryField()
    {
        var r = Recording() with { ConsentLogRef = "consent-9", HoldReason = "litigation", HeldAt = T0.AddMinutes(1) };
        await Store.AddRecordingAsync(r, Audit("import", r));
        var back = await Store.GetRecordingAsync(r.Id);
        Assert.NotNull(back);
        Assert.Equal(r with { WrappedKey = null }, back with { WrappedKey = null });
        Assert.Equal(r.WrappedKey!.Bytes, back.WrappedKey!.Bytes);
        Assert.Equal(r.WrappedKey.Algorithm, back.WrappedKey.Algorithm);
    }

    [Fact]
    public async Task Get_UnknownId_IsNull()
    {
        Assert.Null(await Store.GetRecordingAsync(RecordingId.New()));
    }

    [Fact]
    public async Task Add_DuplicateId_FailsAndAppendsNoAuditEvent()
    {
        var r = Recording();
        await Store.AddRecordingAsync(r, Audit("import", r));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.AddRecordingAsync(r, Audit("import", r)));
        Assert.Single(await Store.ReadAuditAsync());
    }

    [Fact]
    public async Task List_FiltersByContactExpiryAndDeletion()
    {
        var a = Recording("c-a", T0.AddDays(1));
        var b = Recording("c-b", T0.AddDays(10));
        var deleted = Recording("c-a", T0.AddDays(1)) with { DeletedAt = T0, WrappedKey = null };
        foreach (var r in new[] { a, b, deleted })
        {
            await Store.AddRecordingAsync(r, Audit("import", r));
        }

        Assert.Equal([a.Id], (await Store.ListRecordingsAsync(new RecordingQuery(ContactId: "c-a"))).Select(r => r.Id));
        Assert.Equal(2, (await Store.ListRecordingsAsync(new RecordingQuery(ContactId: "c-a", IncludeDeleted: true))).Count);
        Assert.Equal([a.Id], (await Store.ListRecordingsAsync(new RecordingQuery(ExpiredAsOf: T0.AddDays(2)))).Select(r => r.Id));
        Assert.Equal(2, (await Store.ListRecordingsAsync(new RecordingQuery(ExpiredAsOf: T0.AddDays(10)))).Count);
    }

    [Fact]
    public async Task Update_ReplacesTheRowAndAppendsItsAuditEvent()
    {
        var r = Recording();
        await Store.AddRecordingAsync(r, Audit("import", r));
        var shredded = r with { WrappedKey = null, DeletedAt = T0.AddDays(2) };
        await Store.UpdateRecordingAsync(shredded, Audit("delete", r));
        var back = await Store.GetRecordingAsync(r.Id);
        Assert.Null(back!.WrappedKey);
        Assert.Equal(T0.AddDays(2), back.DeletedAt);
        Assert.Equal(["import", "delete"], (await Store.ReadAuditAsync()).Select(e => e.Entry.Action));
    }

    [Fact]
    public async Task Update_UnknownRecording_FailsAndAppendsNothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpdateRecordingAsync(Recording(), Audit("delete")));
        Assert.Empty(await Store.ReadAuditAsync());
    }

    [Fact]
    public async Task Audit_ConcurrentAppends_FormOneUnbrokenChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Store.AppendAuditAsync(new AuditEntry(T0.AddSeconds(i), "access", $"user-{i}", null, $"range {i}"))));
        var events = await Store.ReadAuditAsync();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Null(AuditChain.Verify(events));
        Assert.Equal(AuditChain.Genesis, events[0].PreviousHash);
    }

    [Fact]
    public async Task Audit_ManyConcurrentAppendsBesideRecordingUpdates_EachOnceInOneUnbrokenOrder()
    {
        var r = Recording();
        await Store.AddRecordingAsync(r, Audit("import", r));
        var listens = Enumerable.Range(0, 200).Select(i => Store.AppendAuditAsync(new AuditEntry(T0.AddMilliseconds(i), "playback", $"listener-{i}", r.Id.Value, $"bytes={i}-{i + 99}")));
        var holds = Enumerable.Range(0, 5).Select(i => Store.UpdateRecordingAsync(r with { HoldReason = $"hold {i}", HeldAt = T0 }, Audit("hold-placed", r)));

        await Task.WhenAll(listens.Concat(holds));

        var events = await Store.ReadAuditAsync();
        Assert.Null(AuditChain.Verify(events));
        Assert.Equal(Enumerable.Range(1, 206).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"listener-{i}").Order(), events.Where(e => e.Entry.Action == "playback").Select(e => e.Entry.Actor).Order());
        Assert.Equal(5, events.Count(e => e.Entry.Action == "hold-placed"));
    }

    [Fact]
    public async Task Audit_RoundTripsTheEntry()
    {
        var entry = new AuditEntry(T0.AddTicks(1234567), "export", "ops@example.com", RecordingId.New().Value, "bytes=0-99 to /tmp/x.wav");
        await Store.AppendAuditAsync(entry);
        Assert.Equal(entry, Assert.Single(await Store.ReadAuditAsync()).Entry);
    }
}
