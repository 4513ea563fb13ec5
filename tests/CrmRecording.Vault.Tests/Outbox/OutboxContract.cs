using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Vault.Tests.Outbox;

/// <summary>The behaviour every outbox must have; each store's test class derives from this.</summary>
public abstract class OutboxContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private IMetadataStore _metadata = null!;
    private IOutbox _store = null!;

    /// <summary>A migrated store that is also an outbox.</summary>
    protected abstract Task<IMetadataStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        _metadata = await CreateStoreAsync();
        await _metadata.MigrateAsync();
        _store = (IOutbox)_metadata;
    }

    public virtual async Task DisposeAsync() => await _metadata.DisposeAsync();

    private static OutboxJob Job(string key, DateTimeOffset? due = null, string kind = "test") =>
        new(Guid.NewGuid().ToString("N"), kind, key, "{\"n\":1}", T0, 0, due ?? T0);

    [Fact]
    public async Task EnqueueAll_StoresEveryJob_AndSaysWhichKeysWereAlreadyThere()
    {
        await _store.EnqueueAsync(Job("n-2"));

        var inserted = await _store.EnqueueAllAsync([Job("n-1"), Job("n-2"), Job("n-3")]);

        Assert.Equal([true, false, true], inserted);
        Assert.Equal(["n-1", "n-2", "n-3"], (await _store.ClaimAsync("w", 10, T0, TimeSpan.FromMinutes(1))).Select(j => j.DedupeKey).Order());
    }

    [Fact]
    public async Task EnqueueAll_AJobTheStoreRefuses_StoresNoneOfTheBatch()
    {
        var refused = Job("n-2") with { Payload = null! };

        await Assert.ThrowsAnyAsync<Exception>(() => _store.EnqueueAllAsync([Job("n-1"), refused, Job("n-3")]));

        Assert.Equal(0, await _store.PendingAsync());
    }

    [Fact]
    public async Task CompleteAll_CompletesExactlyTheGivenJobs()
    {
        await _store.EnqueueAllAsync([Job("c-1"), Job("c-2"), Job("c-3")]);
        var claimed = await _store.ClaimAsync("w", 10, T0, TimeSpan.FromMinutes(1));

        await _store.CompleteAllAsync([.. claimed.Where(j => j.DedupeKey != "c-2").Select(j => j.Id)], T0.AddSeconds(1));

        Assert.Equal(1, await _store.PendingAsync());
        Assert.Equal(["c-2"], (await _store.ClaimAsync("w", 10, T0.AddMinutes(2), TimeSpan.FromMinutes(1))).Select(j => j.DedupeKey));
    }

    [Fact]
    public async Task ChangeMarks_OnlyMoveForward_AndUnmarkedKeysAreAbsent()
    {
        var marks = (IChangeMarks)_metadata;
        await marks.AdvanceMarksAsync(new Dictionary<string, DateTimeOffset> { ["a"] = T0.AddMinutes(2), ["b"] = T0 });

        await marks.AdvanceMarksAsync(new Dictionary<string, DateTimeOffset> { ["a"] = T0.AddMinutes(1), ["b"] = T0.AddTicks(1) });
        var read = await marks.GetMarksAsync(["a", "b", "never"]);

        Assert.Equal(2, read.Count);
        Assert.Equal(T0.AddMinutes(2), read["a"]);
        Assert.Equal(T0.AddTicks(1), read["b"]);
        Assert.Empty(await marks.GetMarksAsync([]));
    }

    [Fact]
    public async Task DeadLetter_IsNeverClaimed_IsListedWithWhy_AndRetryBringsItBackWithAttemptsReset()
    {
        await _store.EnqueueAsync(Job("poison"));
        var job = Assert.Single(await _store.ClaimAsync("w", 10, T0, TimeSpan.FromMinutes(1)));
        await _store.DeadLetterAsync(job.Id, "gave up after 1 attempt: boom", T0.AddSeconds(1));

        Assert.Empty(await _store.ClaimAsync("w", 10, T0.AddDays(1), TimeSpan.FromMinutes(1)));
        Assert.Equal(0, await _store.PendingAsync());
        Assert.Equal(1, await _store.DeadCountAsync());
        var dead = Assert.Single(await _store.ListDeadAsync(10));
        Assert.Equal(("poison", "gave up after 1 attempt: boom", T0.AddSeconds(1)), (dead.DedupeKey, dead.LastError, dead.DeadAt));

        Assert.False(await _store.RetryAsync("no-such-job", T0.AddDays(1)));
        Assert.True(await _store.RetryAsync(job.Id, T0.AddDays(1)));
        Assert.False(await _store.RetryAsync(job.Id, T0.AddDays(1)));
        Assert.Equal(0, await _store.DeadCountAsync());
        var again = Assert.Single(await _store.ClaimAsync("w", 10, T0.AddDays(1), TimeSpan.FromMinutes(1)));
        Assert.Equal(1, again.Attempts);
    }

    [Fact]
    public async Task Claim_OfSomeKinds_LeavesTheOtherKindsForTheirOwnLanes()
    {
        await _store.EnqueueAsync(Job("ingest-1", kind: "ingest"));
        await _store.EnqueueAsync(Job("consent-1", kind: "consent"));
        await _store.EnqueueAsync(Job("odd-1", kind: "odd"));

        Assert.Equal(["consent-1"], (await _store.ClaimAsync("w", 10, T0, TimeSpan.FromMinutes(1), OutboxKinds.Only("consent"))).Select(j => j.DedupeKey));
        Assert.Equal(["odd-1"], (await _store.ClaimAsync("w", 10, T0, TimeSpan.FromMinutes(1), OutboxKinds.AllBut(["ingest", "consent"]))).Select(j => j.DedupeKey));
        Assert.Equal(["ingest-1"], (await _store.ClaimAsync("w", 10, T0, TimeSpan.FromMinutes(1), OutboxKinds.Any)).Select(j => j.DedupeKey));
    }

    [Fact]
    public async Task Renew_ByTheHolder_KeepsTheJobFromOthers_AndIsRefusedOnceTheLeaseWentElsewhere()
    {
        await _store.EnqueueAsync(Job("long"));
        var job = Assert.Single(await _store.ClaimAsync("w1", 10, T0, TimeSpan.FromSeconds(30)));
        Assert.True(await _store.RenewAsync(job.Id, "w1", T0.AddSeconds(50)));
        Assert.Empty(await _store.ClaimAsync("w2", 10, T0.AddSeconds(40), TimeSpan.FromSeconds(30)));

        Assert.Single(await _store.ClaimAsync("w2", 10, T0.AddSeconds(51), TimeSpan.FromSeconds(30)));
        Assert.False(await _store.RenewAsync(job.Id, "w1", T0.AddSeconds(90)));
    }

    [Fact]
    public async Task OldestLiveClaim_IsWhenTheEarliestClaimStillHeldWasTaken()
    {
        Assert.Null(await _store.OldestLiveClaimAsync(T0));
        await _store.EnqueueAsync(Job("a"));
        await _store.EnqueueAsync(Job("b", T0.AddSeconds(10)));
        var a = Assert.Single(await _store.ClaimAsync("w", 10, T0, TimeSpan.FromSeconds(30)));
        Assert.Single(await _store.ClaimAsync("w", 10, T0.AddSeconds(10), TimeSpan.FromSeconds(30)));

        Assert.Equal(T0, await _store.OldestLiveClaimAsync(T0.AddSeconds(20)));
        await _store.CompleteAsync(a.Id, T0.AddSeconds(21));
        Assert.Equal(T0.AddSeconds(10), await _store.OldestLiveClaimAsync(T0.AddSeconds(22)));
        Assert.Null(await _store.OldestLiveClaimAsync(T0.AddSeconds(41)));
    }

    [Fact]
    public async Task PurgeDone_EmptiesOnlyPayloadsDoneBeforeTheCutoff_AndADuplicateIsStillRecognised()
    {
        await _store.EnqueueAsync(Job("old"));
        await _store.EnqueueAsync(Job("recent"));
        await _store.EnqueueAsync(Job("pending", T0.AddDays(30)));
        var claimed = await _store.ClaimAsync("w", 10, T0, TimeSpan.FromMinutes(1));
        await _store.CompleteAsync(claimed.Single(j => j.DedupeKey == "old").Id, T0);
        await _store.CompleteAsync(claimed.Single(j => j.DedupeKey == "recent").Id, T0.AddDays(6));

        Assert.Equal(1, await _store.PurgeDoneAsync(T0.AddDays(1)));
        Assert.Equal(0, await _store.PurgeDoneAsync(T0.AddDays(1)));

        Assert.False(await _store.EnqueueAsync(Job("old")));
        var pending = Assert.Single(await _store.ClaimAsync("w", 10, T0.AddDays(31), TimeSpan.FromMinutes(1)));
        Assert.Equal("{\"n\":1}", pending.Payload);
    }

    [Fact]
    public async Task Enqueue_SameDedupeKeyTwice_KeepsOneJob()
    {
        Assert.True(await _store.EnqueueAsync(Job("delivery-1")));
        Assert.False(await _store.EnqueueAsync(Job("delivery-1")));
        Assert.Equal(1, await _store.PendingAsync());
    }

    [Fact]
    public async Task Claim_OnlyDueJobs_AndNotTwiceWhileLeased()
    {
        await _store.EnqueueAsync(Job("now"));
        await _store.EnqueueAsync(Job("later", T0.AddMinutes(5)));
        var first = await _store.ClaimAsync("w1", 10, T0, TimeSpan.FromMinutes(1));
        Assert.Equal(["now"], first.Select(j => j.DedupeKey));
        Assert.Equal(1, first[0].Attempts);
        Assert.Empty(await _store.ClaimAsync("w2", 10, T0.AddSeconds(30), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Claim_LeaseExpired_AfterAWorkerCrash_IsClaimedAgain()
    {
        await _store.EnqueueAsync(Job("crashy"));
        await _store.ClaimAsync("dead-worker", 10, T0, TimeSpan.FromMinutes(1));
        var again = await _store.ClaimAsync("w2", 10, T0.AddMinutes(2), TimeSpan.FromMinutes(1));
        Assert.Equal(2, Assert.Single(again).Attempts);
    }

    [Fact]
    public async Task Fail_ThenDue_IsRetriedWithTheErrorKept_AndCompleteEndsIt()
    {
        await _store.EnqueueAsync(Job("flaky"));
        var job = Assert.Single(await _store.ClaimAsync("w", 10, T0, TimeSpan.FromMinutes(1)));
        await _store.FailAsync(job.Id, "CRM returned 503", T0.AddSeconds(30));
        Assert.Empty(await _store.ClaimAsync("w", 10, T0.AddSeconds(10), TimeSpan.FromMinutes(1)));
        var retry = Assert.Single(await _store.ClaimAsync("w", 10, T0.AddSeconds(31), TimeSpan.FromMinutes(1)));
        Assert.Equal("CRM returned 503", retry.LastError);
        await _store.CompleteAsync(retry.Id, T0.AddSeconds(32));
        Assert.Equal(0, await _store.PendingAsync());
        Assert.Empty(await _store.ClaimAsync("w", 10, T0.AddHours(1), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Claim_ConcurrentWorkers_NeverShareAJob()
    {
        for (var i = 0; i < 40; i++)
        {
            await _store.EnqueueAsync(Job($"job-{i}"));
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => _store.ClaimAsync($"w{w}", 15, T0, TimeSpan.FromMinutes(1))));
        var all = claims.SelectMany(c => c).Select(j => j.Id).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(40, all.Count);
    }
}
