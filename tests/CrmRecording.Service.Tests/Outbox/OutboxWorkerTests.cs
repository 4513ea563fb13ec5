using System.Threading.Channels;
using CrmRecording.Service.Outbox;
using CrmRecording.Testing.Http;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Service.Tests.Outbox;

/// <summary>Leases that fit the work, attempts that end, lanes that do not wait for each other.</summary>
public sealed partial class OutboxWorkerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("crmrec-outbox-").FullName;
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
    public async Task RunOnce_JobFailingEveryTime_IsDeadLetteredWhenItsKindsAttemptsAreSpent()
    {
        var time = new FakeTimeProvider(T0);
        var handler = new ScriptedHandler("flaky") { MaxAttempts = 3, Fail = true };
        var worker = Worker(time, [handler]);
        await _store.EnqueueAsync(Job("flaky", "f-1", T0));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await worker.RunOnceAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(0, await worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(3, handler.Runs);
        Assert.Equal(0, await _store.PendingAsync());
        var dead = Assert.Single(await _store.ListDeadAsync(10));
        Assert.Contains("Gave up after 3 attempts", dead.LastError, StringComparison.Ordinal);
        Assert.Contains("CRM said no", dead.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_JobOfAKindNobodyHandles_IsDeadLetteredAtOnce()
    {
        var worker = Worker(new FakeTimeProvider(T0), [new ScriptedHandler("known")]);
        await _store.EnqueueAsync(Job("retired-kind", "r-1", T0));

        Assert.Equal(1, await worker.RunOnceAsync(CancellationToken.None));

        var dead = Assert.Single(await _store.ListDeadAsync(10));
        Assert.Equal(1, dead.Attempts);
        Assert.Contains("No worker handles outbox jobs of kind 'retired-kind'", dead.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_JobClaimedByAWorkerThatDied_IsTakenAgainWithinAMinute()
    {
        var time = new FakeTimeProvider(T0);
        var handler = new ScriptedHandler("ingest");
        var worker = Worker(time, [handler]);
        await _store.EnqueueAsync(Job("ingest", "i-1", T0));
        Assert.Single(await _store.ClaimAsync("died-mid-job", 10, T0, worker.Lease));

        time.Advance(TimeSpan.FromSeconds(59));

        Assert.Equal(1, await worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, handler.Runs);
    }

    [Fact]
    public async Task RunOnce_LastAllowedAttemptNeverFinished_TheJobIsDeadLetteredNotRunAgain()
    {
        var time = new FakeTimeProvider(T0);
        var handler = new ScriptedHandler("poison") { MaxAttempts = 2 };
        var worker = Worker(time, [handler]);
        await _store.EnqueueAsync(Job("poison", "p-1", T0));
        for (var crash = 0; crash < 2; crash++)
        {
            // Each attempt takes the process down with it: the claim is never completed nor failed.
            Assert.Single(await _store.ClaimAsync("crashing", 10, time.GetUtcNow(), worker.Lease));
            time.Advance(worker.Lease + TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, await worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal(0, handler.Runs);
        Assert.Contains("never finished", Assert.Single(await _store.ListDeadAsync(10)).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_JobRunningForSeveralLeases_KeepsItFromAnotherWorker_AndItRunsOnce()
    {
        var time = new JumpingTime(T0) { Frozen = true };
        var renewals = Channel.CreateUnbounded<bool>();
        var outbox = new RenewalSignal(_store, renewals.Writer);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedHandler("ingest") { Until = release.Task };
        var first = new OutboxWorker(outbox, [handler], time, NullLogger<OutboxWorker>.Instance);
        var second = new OutboxWorker(outbox, [handler], time, NullLogger<OutboxWorker>.Instance);
        await _store.EnqueueAsync(Job("ingest", "long-1", T0));

        var running = first.RunOnceAsync(CancellationToken.None);
        await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var beat = 0; beat < 9; beat++)
        {
            Assert.Equal(first.Lease / 3, await time.Timers.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            time.Advance(first.Lease / 3);
            Assert.True(await renewals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(0, await second.RunOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        release.SetResult();
        Assert.Equal(1, await running.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, handler.Runs);
        Assert.Equal(0, await _store.PendingAsync());
    }

    [Fact]
    public async Task Lanes_AnIngestRunningForLong_DoesNotHoldUpAConsentLogWrite()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ingest = new ScriptedHandler("ingest") { Until = release.Task, Parallelism = 1 };
        var consent = new ScriptedHandler("consent");
        var worker = new OutboxWorker(_store, [ingest, consent], TimeProvider.System, NullLogger<OutboxWorker>.Instance) { Idle = TimeSpan.FromMilliseconds(20) };
        var now = TimeProvider.System.GetUtcNow();
        await _store.EnqueueAsync(Job("ingest", "i-1", now));
        await _store.EnqueueAsync(Job("ingest", "i-2", now));
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await ingest.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await _store.EnqueueAsync(Job("consent", "c-1", TimeProvider.System.GetUtcNow()));

            await consent.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(1, ingest.Runs);
        }
        finally
        {
            release.SetResult();
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task RunOnce_ClaimsNoMoreOfAKindThanItsParallelism()
    {
        var handler = new ScriptedHandler("ingest") { Parallelism = 2 };
        var worker = Worker(new FakeTimeProvider(T0), [handler]);
        for (var i = 0; i < 5; i++)
        {
            await _store.EnqueueAsync(Job("ingest", $"i-{i}", T0));
        }

        Assert.Equal(2, await worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(3, await _store.PendingAsync());
    }

    private OutboxWorker Worker(TimeProvider time, IOutboxJobHandler[] handlers) =>
        new(_store, handlers, time, NullLogger<OutboxWorker>.Instance) { RetryBase = TimeSpan.FromSeconds(1) };

    private static OutboxJob Job(string kind, string key, DateTimeOffset now) => new(Guid.NewGuid().ToString("N"), kind, key, "{}", now, 0, now);

    private sealed class ScriptedHandler(string kind) : IOutboxJobHandler
    {
        private int _runs;

        public string Kind => kind;

        public int MaxAttempts { get; init; } = 20;

        public int Parallelism { get; init; } = 4;

        public bool Fail { get; init; }

        public Task Until { get; init; } = Task.CompletedTask;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Runs => Volatile.Read(ref _runs);

        public async Task<string> RunAsync(OutboxJob job, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            Started.TrySetResult();
            await Until.WaitAsync(cancellationToken);
            return Fail ? throw new InvalidOperationException("CRM said no") : "ran";
        }
    }

    /// <summary>The real outbox, telling the test of each lease renewal as it lands.</summary>
    private sealed class RenewalSignal(SqliteMetadataStore inner, ChannelWriter<bool> renewed) : IOutbox
    {
        public Task<bool> EnqueueAsync(OutboxJob job, CancellationToken cancellationToken = default) => inner.EnqueueAsync(job, cancellationToken);

        public Task<IReadOnlyList<OutboxJob>> ClaimAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, OutboxKinds? kinds = null, CancellationToken cancellationToken = default) =>
            inner.ClaimAsync(worker, max, now, lease, kinds, cancellationToken);

        public async Task<bool> RenewAsync(string id, string worker, DateTimeOffset until, CancellationToken cancellationToken = default)
        {
            var result = await inner.RenewAsync(id, worker, until, cancellationToken);
            renewed.TryWrite(result);
            return result;
        }

        public Task CompleteAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) => inner.CompleteAsync(id, now, cancellationToken);

        public Task FailAsync(string id, string failure, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) => inner.FailAsync(id, failure, nextAttemptAt, cancellationToken);

        public Task DeadLetterAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) => inner.DeadLetterAsync(id, reason, now, cancellationToken);

        public Task<IReadOnlyList<OutboxJob>> ListDeadAsync(int max, CancellationToken cancellationToken = default) => inner.ListDeadAsync(max, cancellationToken);

        public Task<int> DeadCountAsync(CancellationToken cancellationToken = default) => inner.DeadCountAsync(cancellationToken);

        public Task<bool> RetryAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) => inner.RetryAsync(id, now, cancellationToken);

        public Task<DateTimeOffset?> OldestLiveClaimAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => inner.OldestLiveClaimAsync(now, cancellationToken);

        public Task<int> PurgeDoneAsync(DateTimeOffset doneBefore, CancellationToken cancellationToken = default) => inner.PurgeDoneAsync(doneBefore, cancellationToken);

        public Task<int> PendingAsync(CancellationToken cancellationToken = default) => inner.PendingAsync(cancellationToken);
    }
}
