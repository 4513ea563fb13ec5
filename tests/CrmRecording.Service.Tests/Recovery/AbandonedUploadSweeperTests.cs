using CrmRecording.Service.Outbox;
using CrmRecording.Service.Recovery;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmRecording.Service.Tests.Recovery;

/// <summary>A crash during a blob write leaves a <c>.partial</c> file; the sweep removes it once no running upload can own it.</summary>
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
        var worker = new OutboxWorker(_store, [], TimeProvider.System, NullLogger<OutboxWorker>.Instance);
        var sweeper = new AbandonedUploadSweeper(local, _store, worker, TimeProvider.System, NullLogger<AbandonedUploadSweeper>.Instance);

        Assert.Equal(1, await sweeper.SweepAsync(local, CancellationToken.None));
        Assert.False(File.Exists(crashed));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(justWritten));

        await _store.CompleteAsync("job", now);
        Assert.Equal(1, await sweeper.SweepAsync(local, CancellationToken.None));
        Assert.False(File.Exists(running));
        Assert.True(File.Exists(justWritten)); // within a lease: an upload may have begun just now
    }

    private static string Partial(string directory, string name, DateTimeOffset writtenAt)
    {
        var path = Path.Combine(directory, $"{name}.0011223344556677.partial");
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, writtenAt.UtcDateTime);
        return path;
    }
}
