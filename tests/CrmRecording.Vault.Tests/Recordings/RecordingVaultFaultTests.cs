using System.Diagnostics;
using System.Security.Cryptography;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Blobs.Azure;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using CrmRecording.Vault.Tests.Blobs.Azure;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Vault.Tests.Recordings;

/// <summary>Remotes and disks that fail mid-way: the vault reports clearly, shows nothing half-done, and a retry works.</summary>
public sealed class RecordingVaultFaultTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private SqliteMetadataStore _metadata = null!;
    private LocalKeyRing _keys = null!;

    public async Task InitializeAsync()
    {
        _metadata = new SqliteMetadataStore(_dir.Combine("vault.db"));
        await _metadata.MigrateAsync();
        _keys = LocalKeyRing.OpenOrCreate(_dir.Combine("keyring.json"), _time.GetUtcNow());
    }

    public async Task DisposeAsync()
    {
        await _metadata.DisposeAsync();
        if (OperatingSystem.IsLinux() && File.Exists("/proc/mounts") && File.ReadAllText("/proc/mounts").Contains(_dir.Combine("small"), StringComparison.Ordinal))
        {
            Process.Start("umount", _dir.Combine("small")).WaitForExit();
        }

        _dir.Dispose();
    }

    [AzuriteFact]
    public async Task Import_AzuriteGoesDownMidUpload_FailsClearlyLeavesNoMetadata_AndARetrySucceeds()
    {
        var faults = new FaultInjector { FailAfterRequests = 4 };
        using var http = new HttpClient(faults);
        var options = new AzureBlobStoreOptions
        {
            ServiceUri = AzuriteFactAttribute.Endpoint,
            Container = "faults-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            AccountName = AzuriteAccount.Name,
            AccountKey = AzuriteAccount.Key,
            BlockSize = 64 * 1024,
            MaxConcurrentBlocks = 2,
        };
        var vault = new RecordingVault(new AzureBlobStore(http, options, _time), _metadata, _keys, RetentionClasses.Default, _time);
        var audio = RandomNumberGenerator.GetBytes(1_000_000);

        var ex = await Assert.ThrowsAsync<BlobStoreException>(() => vault.ImportAsync(new MemoryStream(audio), new ImportRequest("tester", "c-1")));
        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteAccount.Key, ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(await _metadata.ListRecordingsAsync(new RecordingQuery(IncludeDeleted: true)));
        Assert.Empty(await _metadata.ReadAuditAsync());

        faults.FailAfterRequests = int.MaxValue;
        var record = await vault.ImportAsync(new MemoryStream(audio), new ImportRequest("tester", "c-1"));
        var back = new MemoryStream();
        await vault.ExportAsync(record.Id, null, null, back, "tester");
        Assert.Equal(audio, back.ToArray());
        var blobs = new List<string>();
        await foreach (var name in new AzureBlobStore(http, options, _time).ListAsync())
        {
            blobs.Add(name);
        }

        Assert.Equal([record.BlobName], blobs);
    }

    [RootFact]
    public async Task Import_DiskFull_SaysSoAndLeavesNothingVisible()
    {
        var small = _dir.Combine("small");
        Directory.CreateDirectory(small);
        using (var mount = Process.Start("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", small]))
        {
            await mount.WaitForExitAsync();
            Assert.Equal(0, mount.ExitCode);
        }

        var blobs = new LocalBlobStore(Path.Combine(small, "recordings"), _time.GetUtcNow());
        var vault = new RecordingVault(blobs, _metadata, _keys, RetentionClasses.Default, _time) { ChunkSize = 4096 };
        var ex = await Assert.ThrowsAsync<BlobStoreException>(() => vault.ImportAsync(new MemoryStream(new byte[1_000_000]), new ImportRequest("tester")));
        Assert.Contains("disk is full", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(small, "recordings")));
        Assert.Empty(await _metadata.ListRecordingsAsync(new RecordingQuery(IncludeDeleted: true)));

        var fits = await vault.ImportAsync(new MemoryStream(new byte[10_000]), new ImportRequest("tester"));
        Assert.True((await vault.VerifyAsync(fits.Id)).Ok);
    }

    [Fact]
    public async Task Rewrap_InterruptedPartWay_FinishesWhenRunAgain()
    {
        var blobs = new LocalBlobStore(_dir.Combine("recordings"), _time.GetUtcNow());
        var vault = new RecordingVault(blobs, _metadata, _keys, RetentionClasses.Default, _time) { ChunkSize = 4096 };
        var ids = new List<RecordingId>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await vault.ImportAsync(new MemoryStream(RandomNumberGenerator.GetBytes(5000)), new ImportRequest("tester"))).Id);
        }

        var old = _keys.CurrentKeyId;
        _keys.AddKey(_time.GetUtcNow());
        using (var stopAfterTwo = new CancellationTokenSource())
        {
            var counting = new CountingMetadata(_metadata, updatesBeforeCancel: 2, stopAfterTwo);
            var interrupted = new RecordingVault(blobs, counting, _keys, RetentionClasses.Default, _time);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted.RewrapAllAsync("ops", stopAfterTwo.Token));
        }

        var onOld = (await _metadata.ListRecordingsAsync(new RecordingQuery())).Count(r => r.KeyId == old);
        Assert.InRange(onOld, 1, 4);
        Assert.Equal(onOld, await vault.RewrapAllAsync("ops"));
        _keys.Retire(old);
        foreach (var id in ids)
        {
            Assert.True((await vault.VerifyAsync(id)).Ok);
        }
    }

    /// <summary>Fails every request after a number of them, as if the emulator had gone away.</summary>
    private sealed class FaultInjector() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _requests;

        public int FailAfterRequests { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _requests) > FailAfterRequests
                ? throw new HttpRequestException($"Connection refused ({request.RequestUri!.Host}:{request.RequestUri.Port})")
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>Cancels the operation after some updates, like a process killed part-way through a rotation.</summary>
    private sealed class CountingMetadata(IMetadataStore inner, int updatesBeforeCancel, CancellationTokenSource cancel) : IMetadataStore
    {
        private int _updates;

        public Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

        public Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default) => inner.SchemaVersionAsync(cancellationToken);

        public Task AddRecordingAsync(RecordingRecord recording, Audit.AuditEntry audit, CancellationToken cancellationToken = default) => inner.AddRecordingAsync(recording, audit, cancellationToken);

        public Task<RecordingRecord?> GetRecordingAsync(RecordingId id, CancellationToken cancellationToken = default) => inner.GetRecordingAsync(id, cancellationToken);

        public Task<IReadOnlyList<RecordingRecord>> ListRecordingsAsync(RecordingQuery query, CancellationToken cancellationToken = default) => inner.ListRecordingsAsync(query, cancellationToken);

        public async Task UpdateRecordingAsync(RecordingRecord recording, Audit.AuditEntry audit, CancellationToken cancellationToken = default)
        {
            await inner.UpdateRecordingAsync(recording, audit, cancellationToken);
            if (++_updates == updatesBeforeCancel)
            {
                await cancel.CancelAsync();
            }
        }

        public Task AppendAuditAsync(Audit.AuditEntry entry, CancellationToken cancellationToken = default) => inner.AppendAuditAsync(entry, cancellationToken);

        public Task<IReadOnlyList<Audit.AuditEvent>> ReadAuditAsync(CancellationToken cancellationToken = default) => inner.ReadAuditAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>A test that needs root (mounting a tiny tmpfs to fill the disk), skipped otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "needs root on Linux to mount a small tmpfs and fill it.";
        }
    }
}
