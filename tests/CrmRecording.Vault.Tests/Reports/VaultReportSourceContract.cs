using System.Security.Cryptography;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using CrmRecording.Vault.Reports;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Vault.Tests.Reports;

/// <summary>What the compliance report reads from the vault, the same on every metadata store.</summary>
public abstract class VaultReportSourceContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Start);
    private IMetadataStore _metadata = null!;
    private RecordingVault _vault = null!;

    private protected TempDirectory Dir => _dir;

    protected IVaultReportSource Source { get; private set; } = null!;

    protected abstract Task<(IMetadataStore Store, IVaultReportSource Source)> CreateAsync();

    public async Task InitializeAsync()
    {
        (_metadata, var source) = await CreateAsync();
        Source = source;
        await _metadata.MigrateAsync();
        var keys = LocalKeyRing.OpenOrCreate(_dir.Combine("keyring.json"), _time.GetUtcNow());
        _vault = new RecordingVault(new CrmRecording.Vault.Blobs.LocalBlobStore(_dir.Combine("recordings"), _time.GetUtcNow()), _metadata, keys, RetentionClasses.Default, _time) { ChunkSize = 4096 };
    }

    public virtual async Task DisposeAsync()
    {
        await Source.DisposeAsync();
        await _metadata.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Erasure_OfAContactWithARecordingOnHold_AuditsWhatItDeletedAndWhatItKept()
    {
        var deleted = await ImportAsync("c-erase");
        var held = await ImportAsync("c-erase");
        await _vault.PlaceHoldAsync(held.Id, "litigation 2026-17", "legal");
        _time.Advance(TimeSpan.FromHours(1));
        var since = _time.GetUtcNow();

        await _vault.EraseContactAsync("c-erase", "dpo");

        var (_, audit) = await Source.VerifyAndReadAuditAsync(since);
        Assert.Equal(["erase", "erase-kept"], audit.Select(a => a.Action).Order(StringComparer.Ordinal));
        Assert.Equal(deleted.Id.Value, audit.Single(a => a.Action == "erase").RecordingId);
        var kept = audit.Single(a => a.Action == "erase-kept");
        Assert.Equal(held.Id.Value, kept.RecordingId);
        Assert.Equal("erasure request for contact c-erase; on legal hold since 2026-11-02: litigation 2026-17", kept.Detail);
    }

    [Fact]
    public async Task ListRetention_ReturnsHeldAndSoonDueRecordingsNotDeletedOnes()
    {
        var dueSoon = await ImportAsync("c1", "declined-consent");
        var held = await ImportAsync("c2");
        var later = await ImportAsync("c3");
        var gone = await ImportAsync("c4", "declined-consent");
        await _vault.PlaceHoldAsync(held.Id, "regulator's request", "legal");
        await _vault.DeleteAsync(gone.Id, "dpo", "asked");

        var rows = await Source.ListRetentionAsync(Start.AddDays(30));

        Assert.Equal([dueSoon.Id.Value, held.Id.Value], rows.Select(r => r.Id));
        Assert.Equal(("regulator's request", Start), (rows[1].HoldReason, rows[1].HeldAt));
        Assert.DoesNotContain(rows, r => r.Id == later.Id.Value || r.Id == gone.Id.Value);
        Assert.Equal(Start, rows[0].DeleteAfter);
    }

    [Fact]
    public async Task VerifyAndReadAudit_IntactTrail_NamesItsLastEvent()
    {
        await ImportAsync("c1");
        _time.Advance(TimeSpan.FromMinutes(5));
        var last = await ImportAsync("c2");

        var (state, _) = await Source.VerifyAndReadAuditAsync(DateTimeOffset.MaxValue);

        var trail = await _metadata.ReadAuditAsync();
        Assert.True(state.Intact);
        Assert.Equal(trail.Count, state.Events);
        Assert.Equal(trail[^1].Sequence, state.LastVerifiedSequenceOrZero());
        Assert.Equal(trail[^1].Entry.At, state.LastAt);
        Assert.Equal(last.Id.Value, trail[^1].Entry.RecordingId);
    }

    [Fact]
    public async Task VerifyAndReadAudit_KeepsEventsFromThatInstantOn()
    {
        await ImportAsync("c1");
        _time.Advance(TimeSpan.FromDays(1));
        var second = await ImportAsync("c2");

        var (_, audit) = await Source.VerifyAndReadAuditAsync(Start.AddDays(1));

        Assert.Equal(second.Id.Value, Assert.Single(audit).RecordingId);
        Assert.Equal(Start.AddDays(1), audit[0].At);
    }

    [Fact]
    public async Task VerifyAndReadAudit_OnePass_VerifiesTheWholeTrailAndKeepsThePeriodInTimeOrder()
    {
        await ImportAsync("c1");
        _time.Advance(TimeSpan.FromDays(1));
        await ImportAsync("c2");
        await ImportAsync("c3");
        _time.Advance(TimeSpan.FromHours(2));
        await ImportAsync("c4");

        var (chain, since) = await Source.VerifyAndReadAuditAsync(Start.AddDays(1));

        var trail = await _metadata.ReadAuditAsync();
        Assert.True(chain.Intact);
        Assert.Equal((trail.Count, trail[^1].Sequence), (chain.Events, chain.LastVerifiedSequenceOrZero()));
        Assert.Equal(3, since.Count);
        Assert.Equal(
            trail.Where(e => e.Entry.At >= Start.AddDays(1)).OrderBy(e => e.Entry.At).ThenBy(e => e.Sequence).Select(e => (e.Sequence, e.Entry.Action, e.Entry.RecordingId)),
            since.Select(e => (e.Sequence, e.Action, e.RecordingId)));
    }

    protected Task<RecordingRecord> ImportAsync(string contact, string? retention = null) =>
        _vault.ImportAsync(new MemoryStream(RandomNumberGenerator.GetBytes(2000)), new ImportRequest("tester", contact, "CA1", retention));
}

internal static class ChainStateExtensions
{
    public static long LastVerifiedSequenceOrZero(this CrmRecording.Core.Reports.AuditChainState state) => state.LastSequence ?? 0;
}
