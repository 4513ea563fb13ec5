using System.Security.Cryptography;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Format;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Vault.Tests.Recordings;

public sealed class RecordingVaultTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));
    private SqliteMetadataStore _metadata = null!;
    private LocalKeyRing _keys = null!;
    private LocalBlobStore _blobs = null!;
    private RecordingVault _vault = null!;

    public async Task InitializeAsync()
    {
        _metadata = new SqliteMetadataStore(_dir.Combine("vault.db"));
        await _metadata.MigrateAsync();
        _keys = LocalKeyRing.OpenOrCreate(_dir.Combine("keyring.json"), _time.GetUtcNow());
        _blobs = new LocalBlobStore(_dir.Combine("recordings"), _time.GetUtcNow());
        _vault = new RecordingVault(_blobs, _metadata, _keys, RetentionClasses.Default, _time) { ChunkSize = 4096 };
    }

    public async Task DisposeAsync()
    {
        await _metadata.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<(RecordingRecord Record, byte[] Audio)> ImportAsync(int bytes = 50_000, string contact = "contact-1", string? retention = null)
    {
        var audio = RandomNumberGenerator.GetBytes(bytes);
        var record = await _vault.ImportAsync(new MemoryStream(audio), new ImportRequest("tester", contact, "CA1", retention));
        return (record, audio);
    }

    private async Task<byte[]> ExportAsync(RecordingId id, long? start = null, long? end = null)
    {
        var output = new MemoryStream();
        await _vault.ExportAsync(id, start, end, output, "tester");
        return output.ToArray();
    }

    [Fact]
    public async Task Import_SameChosenIdTwiceAtOnce_OneWins_TheLoserRemovesOnlyItsOwnBlob()
    {
        var id = RecordingId.New();
        var audio = RandomNumberGenerator.GetBytes(40_000);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                return await _vault.ImportAsync(new MemoryStream(audio), new ImportRequest("ingest", Id: id));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(attempts, a => a is not null)!;
        Assert.Equal(id, winner.Id);
        Assert.StartsWith(id.Value + ".", winner.BlobName, StringComparison.Ordinal);
        Assert.True((await _vault.VerifyAsync(id)).Ok);
        Assert.Equal(audio, await ExportAsync(id));
        Assert.Single(Directory.GetFiles(_dir.Combine("recordings"), id.Value + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Import_ThenExport_GivesBackTheAudioAndRecordsSizeHashAndRetention()
    {
        var (record, audio) = await ImportAsync();
        Assert.Equal(audio, await ExportAsync(record.Id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(audio)), record.Sha256);
        Assert.Equal(audio.Length, record.PlaintextBytes);
        Assert.Equal(_time.GetUtcNow().AddDays(365), record.DeleteAfter);
        Assert.Equal(["import", "export"], (await _metadata.ReadAuditAsync()).Select(e => e.Entry.Action));
    }

    [Fact]
    public async Task Export_Range_GivesThoseBytesAndAuditsTheRange()
    {
        var (record, audio) = await ImportAsync();
        Assert.Equal(audio[10_000..10_100], await ExportAsync(record.Id, 10_000, 10_099));
        Assert.Contains("bytes=10000-10099", (await _metadata.ReadAuditAsync())[^1].Entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_EmptyAudio_RoundTrips()
    {
        var (record, _) = await ImportAsync(0);
        Assert.Empty(await ExportAsync(record.Id));
        Assert.True((await _vault.VerifyAsync(record.Id)).Ok);
    }

    [Fact]
    public async Task Ids_AreRandom128BitHex()
    {
        var a = (await ImportAsync(10)).Record.Id.Value;
        var b = (await ImportAsync(10)).Record.Id.Value;
        Assert.Matches("^[0-9a-f]{32}$", a);
        Assert.NotEqual(a[..8], b[..8]);
    }

    [Fact]
    public async Task Verify_DamagedBlob_NamesTheFirstBadChunk()
    {
        var (record, _) = await ImportAsync(20_000);
        var path = Path.Combine(_dir.Combine("recordings"), record.BlobName);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^5000] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes);
        var result = await _vault.VerifyAsync(record.Id);
        Assert.False(result.Ok);
        Assert.Equal(3, result.BadChunk);
        await Assert.ThrowsAsync<RecordingCorruptException>(() => ExportAsync(record.Id));
    }

    [Fact]
    public async Task Verify_MissingBlob_IsReported()
    {
        var (record, _) = await ImportAsync(100);
        File.Delete(Path.Combine(_dir.Combine("recordings"), record.BlobName));
        var result = await _vault.VerifyAsync(record.Id);
        Assert.False(result.Ok);
        Assert.Contains(record.BlobName, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ShredsTheKeyAndTheBlob_AndACopyOfTheBlobStaysUnreadable()
    {
        var (record, _) = await ImportAsync();
        var path = Path.Combine(_dir.Combine("recordings"), record.BlobName);
        var backup = await File.ReadAllBytesAsync(path);
        await _vault.DeleteAsync(record.Id, "tester", "test");
        Assert.False(File.Exists(path));
        var row = await _metadata.GetRecordingAsync(record.Id);
        Assert.Null(row!.WrappedKey);
        Assert.NotNull(row.DeletedAt);
        await Assert.ThrowsAsync<RecordingNotFoundException>(() => ExportAsync(record.Id));

        // A backup of the ciphertext: without the destroyed data key nothing decrypts it, and no key in the ring fits.
        await File.WriteAllBytesAsync(path, backup);
        await Assert.ThrowsAsync<RecordingCorruptException>(() => RecordingReader.OpenAsync(_blobs, record.BlobName, RandomNumberGenerator.GetBytes(32), default));
    }

    [Fact]
    public async Task Hold_BlocksDeleteErasureAndSweep_UntilReleased()
    {
        var (record, _) = await ImportAsync(retention: "declined-consent");
        await _vault.PlaceHoldAsync(record.Id, "matter 2026-17", "legal");
        await Assert.ThrowsAsync<RecordingOnHoldException>(() => _vault.DeleteAsync(record.Id, "tester", "test"));
        var erased = await _vault.EraseContactAsync("contact-1", "dpo");
        Assert.Empty(erased.Deleted);
        Assert.Contains("matter 2026-17", Assert.Single(erased.Kept).Reason, StringComparison.Ordinal);
        var swept = await _vault.SweepAsync(_time.GetUtcNow().AddDays(1), dryRun: false, "sweeper");
        Assert.Empty(swept.Deleted);
        Assert.Single(swept.Kept);

        await _vault.ReleaseHoldAsync(record.Id, "legal");
        await _vault.DeleteAsync(record.Id, "tester", "test");
        Assert.Equal(["import", "hold-placed", "erase-kept", "retention-sweep", "hold-released", "delete"], (await _metadata.ReadAuditAsync()).Select(e => e.Entry.Action));
    }

    [Fact]
    public async Task Sweep_DeletesOnlyExpiredRecordings_AndDryRunChangesNothing()
    {
        var (shortLived, _) = await ImportAsync(100, retention: "declined-consent");
        var (yearLong, _) = await ImportAsync(100, retention: "sales");
        var dry = await _vault.SweepAsync(_time.GetUtcNow().AddDays(30), dryRun: true, "sweeper");
        Assert.Equal([shortLived.Id], dry.Deleted.Select(r => r.Id));
        Assert.NotNull((await _metadata.GetRecordingAsync(shortLived.Id))!.WrappedKey);

        var real = await _vault.SweepAsync(_time.GetUtcNow().AddDays(30), dryRun: false, "sweeper");
        Assert.Equal([shortLived.Id], real.Deleted.Select(r => r.Id));
        Assert.NotNull((await _metadata.GetRecordingAsync(shortLived.Id))!.DeletedAt);
        Assert.Null((await _metadata.GetRecordingAsync(yearLong.Id))!.DeletedAt);
        var later = await _vault.SweepAsync(_time.GetUtcNow().AddDays(366), dryRun: true, "sweeper");
        Assert.Equal([yearLong.Id], later.Deleted.Select(r => r.Id));
    }

    [Fact]
    public async Task Erase_DeletesEveryRecordingOfTheContactOnly()
    {
        var (a, _) = await ImportAsync(100, contact: "c-erase");
        var (b, _) = await ImportAsync(100, contact: "c-erase");
        var (other, _) = await ImportAsync(100, contact: "c-other");
        var report = await _vault.EraseContactAsync("c-erase", "dpo");
        Assert.Equal(new[] { a.Id.Value, b.Id.Value }.Order(StringComparer.Ordinal), report.Deleted.Select(r => r.Id.Value).Order(StringComparer.Ordinal));
        Assert.Null((await _metadata.GetRecordingAsync(other.Id))!.DeletedAt);
    }

    [Fact]
    public async Task Rewrap_AfterAddingAKey_MovesEveryDataKeyWithoutTouchingTheAudio()
    {
        var (record, audio) = await ImportAsync();
        var path = Path.Combine(_dir.Combine("recordings"), record.BlobName);
        var blobBefore = await File.ReadAllBytesAsync(path);
        var oldKey = _keys.CurrentKeyId;
        var newKey = _keys.AddKey(_time.GetUtcNow());
        Assert.Equal(1, await _vault.RewrapAllAsync("ops"));
        _keys.Retire(oldKey);
        Assert.Equal(newKey, (await _metadata.GetRecordingAsync(record.Id))!.KeyId);
        Assert.Equal(audio, await ExportAsync(record.Id));
        Assert.Equal(blobBefore, await File.ReadAllBytesAsync(path));
        Assert.Equal(0, await _vault.RewrapAllAsync("ops"));
    }

    [Fact]
    public async Task Import_UnknownRetentionClass_FailsBeforeStoringAnything()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ImportAsync(100, retention: "forever"));
        Assert.Empty(Directory.GetFiles(_dir.Combine("recordings")));
        Assert.Empty(await _metadata.ReadAuditAsync());
    }

    [Fact]
    public async Task Import_SourceFailsMidway_LeavesNoRecordingVisible()
    {
        await Assert.ThrowsAsync<IOException>(() => _vault.ImportAsync(new TrickleStream(new byte[60_000], 8192) { FailAfter = 30_000 }, new ImportRequest("tester")));
        Assert.Empty(Directory.GetFiles(_dir.Combine("recordings")));
        Assert.Empty(await _metadata.ListRecordingsAsync(new RecordingQuery(IncludeDeleted: true)));
        var (record, audio) = await ImportAsync(30_000);
        Assert.Equal(audio, await ExportAsync(record.Id));
    }

    [Fact]
    public async Task Audit_AfterAWorkflow_VerifiesAndDetectsTampering()
    {
        var (record, _) = await ImportAsync(100);
        await ExportAsync(record.Id);
        await _vault.DeleteAsync(record.Id, "tester", "done");
        Assert.Null(AuditChain.Verify(await _metadata.ReadAuditAsync()));
    }
}
