using CrmRecording.Service.Outbox;
using CrmRecording.Service.Recovery;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Service.Tests.Recovery;

/// <summary>
/// A crash during a blob write leaves a <c>.partial</c> file, and one between a blob's commit and its metadata row a
/// blob nobody owns; the sweep removes them once no running upload can own them.
/// </summary>
public sealed class AbandonedUploadSweeperTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crmrec-sweep-").FullName;
    private SqliteMetadataStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteMetadataStore(Path.Combine(_directory, "vault.db"));
        await _store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Sweep_PartialsOlderThanEveryLiveClaim_AreRemoved_OneALiveIngestMayOwnIsKept()
    {
        var now = TimeProvider.System.GetUtcNow();
        var recordings = Path.Combine(_directory, "recordings");
        var local = new LocalBlobStore(recordings, now);
        var crashed = Partial(recordings, "a1", now - TimeSpan.FromMinutes(10));
        var running = Partial(recordings, "b2", now - TimeSpan.FromSeconds(90));
        var justWritten = Partial(recordings, "c3", now - TimeSpan.FromSeconds(5));
        // An ingest claimed two minutes ago, its lease renewed by its heartbeat, may still be writing b2.
        await _store.EnqueueAsync(new OutboxJob("job", "twilio-recording", "k", "{}", now, 0, now - TimeSpan.FromMinutes(2)));
        Assert.Single(await _store.ClaimAsync("w", 1, now - TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)));
        var sweeper = Sweeper(local);

        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.False(File.Exists(crashed));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(justWritten));

        await _store.CompleteAsync("job", now);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.False(File.Exists(running));
        Assert.True(File.Exists(justWritten)); // within a lease: an upload may have begun just now
    }

    [Fact]
    public async Task Sweep_CommittedBlobsNoLiveRecordingOwns_AreRemovedAndAudited_OwnedAndRecentOnesAreKept()
    {
        var now = TimeProvider.System.GetUtcNow();
        var recordings = Path.Combine(_directory, "recordings");
        var local = new LocalBlobStore(recordings, now);
        var vault = Vault(local);
        var kept = await vault.ImportAsync(new MemoryStream(new byte[5000]), new ImportRequest("test", "contact", "call", null, null, "ingest", RecordingId.New()));
        var deleted = await vault.ImportAsync(new MemoryStream(new byte[5000]), new ImportRequest("test", "contact", "call", null, null, "ingest", RecordingId.New()));
        await vault.DeleteAsync(deleted.Id, "test", "erasure");
        // What the crashes leave: the blob of an import killed before its metadata row, the losing copy of an id
        // imported twice, and the blob of a shred killed after destroying the key.
        var crashedImport = Blob(recordings, $"{RecordingId.New().Value}.0a0b0c0d", now - TimeSpan.FromMinutes(10));
        var losingCopy = Blob(recordings, $"{kept.Id.Value}.ffffffff", now - TimeSpan.FromMinutes(10));
        var shredded = Blob(recordings, deleted.BlobName, now - TimeSpan.FromMinutes(10));
        var justCommitted = Blob(recordings, $"{RecordingId.New().Value}.01020304", now - TimeSpan.FromSeconds(5));
        var notARecording = Blob(recordings, "notes.txt", now - TimeSpan.FromMinutes(10));
        File.SetLastWriteTimeUtc(Path.Combine(recordings, kept.BlobName), (now - TimeSpan.FromMinutes(10)).UtcDateTime);

        Assert.Equal(3, await Sweeper(local).SweepAsync(CancellationToken.None));

        Assert.False(File.Exists(crashedImport));
        Assert.False(File.Exists(losingCopy));
        Assert.False(File.Exists(shredded));
        Assert.True(File.Exists(justCommitted)); // its import may be writing its metadata row right now
        Assert.True(File.Exists(notARecording));
        Assert.True(File.Exists(Path.Combine(recordings, kept.BlobName)));
        Assert.True((await vault.VerifyAsync(kept.Id)).Ok);
        var removals = (await _store.ReadAuditAsync()).Where(e => e.Entry.Action == "orphan-blob-removed").Select(e => e.Entry.Detail).ToList();
        Assert.Equal(3, removals.Count);
        Assert.Contains(removals, d => d!.Contains(Path.GetFileName(crashedImport), StringComparison.Ordinal) && d.Contains("no recording owns it", StringComparison.Ordinal));
        Assert.Contains(removals, d => d!.Contains(Path.GetFileName(losingCopy), StringComparison.Ordinal) && d.Contains($"keeps blob {kept.BlobName}", StringComparison.Ordinal));
        Assert.Contains(removals, d => d!.Contains(deleted.BlobName, StringComparison.Ordinal) && d.Contains("was deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_ListsBlobsForOrphansAtStartTwoLeasesLaterThenOncePerInterval_NotEveryLease()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var recordings = Path.Combine(_directory, "recordings");
        var local = new LocalBlobStore(recordings, clock.GetUtcNow());
        var worker = new OutboxWorker(_store, [], clock, NullLogger<OutboxWorker>.Instance);
        var sweeper = new AbandonedUploadSweeper(local, Vault(local), _store, worker, clock, NullLogger<AbandonedUploadSweeper>.Instance, TimeSpan.FromHours(1));
        string Orphan() => Blob(recordings, $"{RecordingId.New().Value}.0a0b0c0d", clock.GetUtcNow() - TimeSpan.FromHours(2));

        var atStart = Orphan();
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.False(File.Exists(atStart));

        var afterStart = Orphan();
        clock.Advance(worker.Lease);
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        clock.Advance(worker.Lease);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None)); // two leases after start
        Assert.False(File.Exists(afterStart));

        var later = Orphan();
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.True(File.Exists(later));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.False(File.Exists(later));
    }

    private RecordingVault Vault(LocalBlobStore local) =>
        new(local, _store, LocalKeyRing.OpenOrCreate(Path.Combine(_directory, "keyring.json"), TimeProvider.System.GetUtcNow()), RetentionClasses.Default, TimeProvider.System);

    private AbandonedUploadSweeper Sweeper(LocalBlobStore local) =>
        new(local, Vault(local), _store, new OutboxWorker(_store, [], TimeProvider.System, NullLogger<OutboxWorker>.Instance), TimeProvider.System, NullLogger<AbandonedUploadSweeper>.Instance, TimeSpan.FromHours(1));

    private static string Blob(string directory, string name, DateTimeOffset writtenAt)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, writtenAt.UtcDateTime);
        return path;
    }

    private static string Partial(string directory, string name, DateTimeOffset writtenAt)
    {
        var path = Path.Combine(directory, $"{name}.0011223344556677.partial");
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, writtenAt.UtcDateTime);
        return path;
    }
}
