using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using CrmRecording.Vault.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Vault.Tests.Telemetry;

/// <summary>The vault's spans, seen by an in-process listener as a tracer would see them.</summary>
public sealed class VaultActivitiesTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private SqliteMetadataStore _metadata = null!;
    private RecordingVault _vault = null!;

    public VaultActivitiesTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == VaultActivities.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync()
    {
        _metadata = new SqliteMetadataStore(_dir.Combine("vault.db"));
        await _metadata.MigrateAsync();
        var keys = LocalKeyRing.OpenOrCreate(_dir.Combine("keyring.json"), _time.GetUtcNow());
        _vault = new RecordingVault(new LocalBlobStore(_dir.Combine("recordings"), _time.GetUtcNow()), _metadata, keys, RetentionClasses.Default, _time) { ChunkSize = 4096 };
    }

    public async Task DisposeAsync() => await _metadata.DisposeAsync();

    public void Dispose()
    {
        _listener.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task ImportRangeReadAndExport_EachLeaveTheirSpan_TaggedWithIdsAndBytesOnly()
    {
        var record = await _vault.ImportAsync(new MemoryStream(RandomNumberGenerator.GetBytes(30_000)), new ImportRequest("tester", "contact-1", "CA1"));
        await _vault.ExportAsync(record.Id, 1_000, 1_999, new MemoryStream(), "listener", "playback");
        await _vault.ExportAsync(record.Id, null, null, new MemoryStream(), "auditor");

        // Other tests in this process may be tracing too: only this recording's spans count.
        var spans = _stopped.Where(a => (string?)a.GetTagItem("crmrec.recording.id") == record.Id.Value).ToList();
        Assert.Equal(
            [VaultActivities.Ingest, VaultActivities.ReadRange, VaultActivities.KeyUnwrap, VaultActivities.Export, VaultActivities.KeyUnwrap],
            spans.OrderBy(a => a.StartTimeUtc).Select(a => a.OperationName));
        var reads = spans.Where(a => a.OperationName is VaultActivities.ReadRange or VaultActivities.Export).Select(a => a.SpanId).ToHashSet();
        Assert.All(spans.Where(a => a.OperationName == VaultActivities.KeyUnwrap), a => Assert.Contains(a.ParentSpanId, reads));
        Assert.Equal(30_000L, spans.Single(a => a.OperationName == VaultActivities.Ingest).GetTagItem(VaultActivities.BytesTag));
        Assert.Equal(1_000L, spans.Single(a => a.OperationName == VaultActivities.ReadRange).GetTagItem(VaultActivities.BytesTag));
        Assert.Equal(record.KeyId, spans.First(a => a.OperationName == VaultActivities.KeyUnwrap).GetTagItem(VaultActivities.KeyIdTag));
        Assert.All(spans, a => Assert.Subset(
            new HashSet<string> { "crmrec.recording.id", VaultActivities.BytesTag, VaultActivities.KeyIdTag },
            a.TagObjects.Select(t => t.Key).ToHashSet()));
        Assert.All(spans, a => Assert.Equal(ActivityStatusCode.Unset, a.Status));
    }
}
