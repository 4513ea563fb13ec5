using System.Security.Cryptography;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Vault.Tests.Recordings;

/// <summary>Every read is in the audit trail, durably, before its first byte leaves the vault.</summary>
public sealed class RecordingVaultAuditTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));
    private SqliteMetadataStore _metadata = null!;
    private RecordingVault _vault = null!;

    private string Database => _dir.Combine("vault.db");

    public async Task InitializeAsync()
    {
        _metadata = new SqliteMetadataStore(Database);
        await _metadata.MigrateAsync();
        var keys = LocalKeyRing.OpenOrCreate(_dir.Combine("keyring.json"), _time.GetUtcNow());
        var blobs = new LocalBlobStore(_dir.Combine("recordings"), _time.GetUtcNow());
        _vault = new RecordingVault(blobs, _metadata, keys, RetentionClasses.Default, _time) { ChunkSize = 4096 };
    }

    public async Task DisposeAsync()
    {
        await _metadata.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Export_ConcurrentRangeReads_AuditsEachOnceInAnUnbrokenChain()
    {
        var audio = RandomNumberGenerator.GetBytes(100_000);
        var record = await _vault.ImportAsync(new MemoryStream(audio), new ImportRequest("tester"));

        var outputs = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var output = new MemoryStream();
            await _vault.ExportAsync(record.Id, i * 1000, (i * 1000) + 4999, output, $"listener-{i}", "playback");
            return output.ToArray();
        }));

        Assert.All(Enumerable.Range(0, 40), i => Assert.Equal(audio[(i * 1000)..((i * 1000) + 5000)], outputs[i]));
        var events = await _metadata.ReadAuditAsync();
        Assert.Null(AuditChain.Verify(events));
        Assert.Equal(
            Enumerable.Range(0, 40).Select(i => $"listener-{i} bytes={i * 1000}-{(i * 1000) + 4999}").Order(StringComparer.Ordinal),
            events.Where(e => e.Entry.Action == "playback").Select(e => $"{e.Entry.Actor} {e.Entry.Detail}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_FirstByte_IsWrittenOnlyOnceTheEventIsCommitted()
    {
        var record = await _vault.ImportAsync(new MemoryStream(RandomNumberGenerator.GetBytes(20_000)), new ImportRequest("tester"));
        var output = new TrailCheckingStream(Database);

        await _vault.ExportAsync(record.Id, 100, 8_099, output, "listener", "playback");

        // Another connection to the file, as a second instance or an auditor would have, already saw the event.
        var seen = Assert.Single(output.EventsAtFirstWrite!, e => e.Entry.Action == "playback");
        Assert.Equal("bytes=100-8099", seen.Entry.Detail);
        Assert.Equal(8_000, output.Length);
    }

    [Fact]
    public async Task Export_AuditCommitFails_WritesNoByteAndSaysWhy()
    {
        var record = await _vault.ImportAsync(new MemoryStream(RandomNumberGenerator.GetBytes(20_000)), new ImportRequest("tester"));
        await ExecuteAsync("CREATE TRIGGER refuse_listens BEFORE INSERT ON audit_events WHEN NEW.action = 'playback' BEGIN SELECT RAISE(ABORT, 'the audit trail refuses listens'); END;");
        var output = new MemoryStream();

        await Assert.ThrowsAsync<AuditUnavailableException>(() => _vault.ExportAsync(record.Id, 0, 9_999, output, "listener", "playback"));

        Assert.Equal(0, output.Length);
        Assert.DoesNotContain(await _metadata.ReadAuditAsync(), e => e.Entry.Action == "playback");
        await ExecuteAsync("DROP TRIGGER refuse_listens;");
        await _vault.ExportAsync(record.Id, 0, 9_999, output, "listener", "playback");
        Assert.Equal(10_000, output.Length);
    }

    [Fact]
    public async Task Export_WithACommitHook_WritesNothingUntilTheHookReturns()
    {
        var audio = RandomNumberGenerator.GetBytes(20_000);
        var record = await _vault.ImportAsync(new MemoryStream(audio), new ImportRequest("tester"));
        var handed = new TaskCompletionSource<AuditEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new MemoryStream();

        var export = _vault.ExportAsync(record.Id, 100, 8_099, output, "listener", "playback", "status=206", (entry, _) =>
        {
            handed.SetResult(entry);
            return committed.Task;
        });
        var entry = await handed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var writtenBeforeCommit = output.Length;
        committed.SetResult();
        await export.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, writtenBeforeCommit);
        Assert.Equal(("playback", "listener", record.Id.Value, "bytes=100-8099 status=206"), (entry.Action, entry.Actor, entry.RecordingId, entry.Detail));
        Assert.Equal(audio[100..8_100], output.ToArray());
        Assert.DoesNotContain(await _metadata.ReadAuditAsync(), e => e.Entry.Action == "playback");
    }

    [Fact]
    public async Task Export_CommitHookFails_WritesNoByteAndSaysWhy()
    {
        var record = await _vault.ImportAsync(new MemoryStream(RandomNumberGenerator.GetBytes(20_000)), new ImportRequest("tester"));
        var output = new MemoryStream();

        var failure = await Assert.ThrowsAsync<AuditUnavailableException>(() => _vault.ExportAsync(
            record.Id, 0, 9_999, output, "listener", "playback", null, (_, _) => Task.FromException(new IOException("disk full"))));

        Assert.IsType<IOException>(failure.InnerException);
        Assert.Equal(0, output.Length);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A destination that reads the trail through its own store the moment the first bytes arrive.</summary>
    private sealed class TrailCheckingStream(string database) : MemoryStream
    {
        public IReadOnlyList<AuditEvent>? EventsAtFirstWrite { get; private set; }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (EventsAtFirstWrite is null)
            {
                await using var other = new SqliteMetadataStore(database);
                EventsAtFirstWrite = await other.ReadAuditAsync(cancellationToken);
            }

            await base.WriteAsync(buffer, cancellationToken);
        }
    }
}
