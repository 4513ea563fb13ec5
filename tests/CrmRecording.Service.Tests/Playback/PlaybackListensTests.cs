using System.Net;
using System.Net.Http.Headers;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Playback;
using CrmRecording.Service.Tests.Auth;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Service.Tests.Playback;

/// <summary>A listen (one user, token and recording, within the listen window) is audited once before its first byte; access is checked on every request.</summary>
public sealed class PlaybackListensTests(PlaybackFixture fixture) : IClassFixture<PlaybackFixture>
{
    [Fact]
    public async Task Audio_SeekingThroughOneRecording_IsOneListenWithOneEvent()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);

        for (var seek = 0; seek < 8; seek++)
        {
            var body = await GetRangeAsync(client, seeded, seek * 30_000, (seek * 30_000) + 9_999);
            Assert.Equal(seeded.Audio[(seek * 30_000)..((seek * 30_000) + 10_000)], body);
        }

        var listen = Assert.Single(await fixture.AuditOfAsync(seeded.Id));
        Assert.Equal("playback", listen.Entry.Action);
        Assert.StartsWith("bytes=0-9999 status=206", listen.Entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_TwoUsersOrTwoRecordings_AreSeparateListens()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        var other = await fixture.SeedAsync(SeedData.Users.SalesRep);
        var (secondReviewer, oid) = fixture.AddUser("Robin Vale", SeedData.Roles.RecordingReviewer);
        using var first = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);
        using var second = fixture.ClientFor(oid);

        foreach (var client in new[] { first, second, first, second })
        {
            await GetRangeAsync(client, seeded, 1_000, 1_999);
        }

        await GetRangeAsync(first, other, 1_000, 1_999);

        Assert.Equal(
            new[] { $"crm-user:{SeedData.Users.ComplianceReviewer:D}", $"crm-user:{secondReviewer:D}" }.Order(StringComparer.Ordinal),
            (await fixture.AuditOfAsync(seeded.Id)).Select(e => $"{e.Entry.Actor}").Order(StringComparer.Ordinal));
        Assert.Equal("playback", Assert.Single(await fixture.AuditOfAsync(other.Id)).Entry.Action);
    }

    [Fact]
    public async Task Audio_RefusedAfterAGrantInsideTheWindow_IsAuditedAndSendsNoAudio()
    {
        // Taylor placed the call, so may play it as its owner; then the call is found to be someone else's.
        var seeded = await fixture.SeedAsync(PlaybackFixture.OtherRep);
        using var client = fixture.ClientFor(PlaybackFixture.OtherRepEntraId);
        await GetRangeAsync(client, seeded, 0, 999);
        await fixture.Factory.Services.GetRequiredService<ICallStore>().UpdateAsync(seeded.Call.Id, c => c with { RepUserId = SeedData.Users.SalesRep });

        using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
        request.Headers.Range = new RangeHeaderValue(1_000, 1_999);
        using var refused = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Null(refused.Content.Headers.ContentRange);
        Assert.Equal(["playback", "playback-denied"], (await fixture.AuditOfAsync(seeded.Id)).Select(e => e.Entry.Action));
    }

    [Fact]
    public async Task CommitOnceAsync_AfterTheWindow_CommitsANewEvent()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var listens = new PlaybackListens(fixture.Metadata, Microsoft.Extensions.Options.Options.Create(new PlaybackOptions { ListenWindowSeconds = 300 }), time);
        var grant = await GrantAsync(seeded, "sub-window");

        async Task ListenAsync(string range)
        {
            await listens.CommitOnceAsync(grant, new AuditEntry(time.GetUtcNow(), "playback", grant.Actor, seeded.Id, range), CancellationToken.None);
        }

        await ListenAsync("bytes=0-9");
        time.Advance(TimeSpan.FromSeconds(299));
        await ListenAsync("bytes=10-19");
        time.Advance(TimeSpan.FromSeconds(1));
        await ListenAsync("bytes=20-29");
        await ListenAsync("bytes=30-39");

        Assert.Equal(["bytes=0-9", "bytes=20-29"], (await fixture.AuditOfAsync(seeded.Id)).Select(e => e.Entry.Detail));
    }

    [Fact]
    public async Task Export_ConcurrentFirstRequestsOfOneListen_ShareOneEventCommittedBeforeAnyByte()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        var gated = new GatedAudit(fixture.Metadata);
        var listens = new PlaybackListens(gated, Microsoft.Extensions.Options.Options.Create(new PlaybackOptions()), TimeProvider.System);
        var grant = await GrantAsync(seeded, "sub-concurrent");
        var outputs = Enumerable.Range(0, 8).Select(_ => new FirstWriteProbe(gated)).ToArray();
        Task Export(int i) => fixture.Vault.ExportAsync(
            grant.Recording.Id, i * 20_000, (i * 20_000) + 9_999, outputs[i], grant.Actor, "playback", null, (entry, ct) => listens.CommitOnceAsync(grant, entry, ct));

        var firstRequest = Export(0);
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var others = Enumerable.Range(1, 7).Select(Export).ToList();
        gated.Release.SetResult();
        await Task.WhenAll(others.Append(firstRequest)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, gated.Appends);
        Assert.Equal("playback", Assert.Single(await fixture.AuditOfAsync(seeded.Id)).Entry.Action);
        Assert.All(Enumerable.Range(0, 8), i =>
        {
            Assert.Equal(seeded.Audio[(i * 20_000)..((i * 20_000) + 10_000)], outputs[i].ToArray());
            Assert.True(outputs[i].CommittedAtFirstWrite);
        });
    }

    private static async Task<byte[]> GetRangeAsync(HttpClient client, SeededRecording seeded, long from, long to)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
        request.Headers.Range = new RangeHeaderValue(from, to);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<PlaybackGrant> GrantAsync(SeededRecording seeded, string subject) => new(
        new CallerIdentity(subject, SeedData.EntraObjectIds.ComplianceReviewer, TestTokens.Issuer),
        CrmRecording.Service.Crm.CrmUser.FromDataverse(SeedData.Users.ComplianceReviewer, "Sam Okafor"),
        await fixture.Vault.GetAsync(RecordingId.Parse(seeded.Id)),
        seeded.Call,
        "role:Recording Reviewer");

    /// <summary>Holds every audit append until released, counting them, so concurrent requests can be made to meet one in flight.</summary>
    private sealed class GatedAudit(IMetadataStore inner) : IMetadataStore
    {
        private int _appends;
        private bool _committed;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Appends => Volatile.Read(ref _appends);

        /// <summary>Whether an append has returned (its event is durably in the trail).</summary>
        public bool Committed => Volatile.Read(ref _committed);

        public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _appends);
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            await inner.AppendAuditAsync(entry, cancellationToken);
            Volatile.Write(ref _committed, true);
        }

        public Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

        public Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default) => inner.SchemaVersionAsync(cancellationToken);

        public Task AddRecordingAsync(RecordingRecord recording, AuditEntry audit, CancellationToken cancellationToken = default) => inner.AddRecordingAsync(recording, audit, cancellationToken);

        public Task<RecordingRecord?> GetRecordingAsync(RecordingId id, CancellationToken cancellationToken = default) => inner.GetRecordingAsync(id, cancellationToken);

        public Task<IReadOnlyList<RecordingRecord>> ListRecordingsAsync(RecordingQuery query, CancellationToken cancellationToken = default) => inner.ListRecordingsAsync(query, cancellationToken);

        public Task UpdateRecordingAsync(RecordingRecord recording, AuditEntry audit, CancellationToken cancellationToken = default) => inner.UpdateRecordingAsync(recording, audit, cancellationToken);

        public Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(CancellationToken cancellationToken = default) => inner.ReadAuditAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A destination that notes, when its first bytes arrive, whether the listen's event had been committed by then.</summary>
    private sealed class FirstWriteProbe(GatedAudit audit) : MemoryStream
    {
        public bool? CommittedAtFirstWrite { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            CommittedAtFirstWrite ??= audit.Committed;
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
