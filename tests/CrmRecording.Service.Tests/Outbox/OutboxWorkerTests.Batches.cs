using CrmRecording.Service.Outbox;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Service.Tests.Outbox;

/// <summary>Lanes whose handler takes batches: one claim and one run for many jobs, each job ending on its own result.</summary>
public sealed partial class OutboxWorkerTests
{
    private static OutboxJob BatchJob(string key) => Job("batch", key, T0);

    [Fact]
    public async Task RunOnce_450Jobs_RunInBatchesOfTheHandlersSize()
    {
        var handler = new BatchHandler(_ => null);
        var worker = Worker(new FakeTimeProvider(T0), [handler]);
        await _store.EnqueueAllAsync([.. Enumerable.Range(0, 450).Select(i => BatchJob($"b-{i}"))]);

        var attempted = 0;
        while (await worker.RunOnceAsync(CancellationToken.None) is var n && n > 0)
        {
            attempted += n;
        }

        Assert.Equal(450, attempted);
        Assert.Equal([200, 200, 50], handler.Batches);
        Assert.Equal(0, await _store.PendingAsync());
    }

    [Fact]
    public async Task RunOnce_EachJobEndsOnItsOwnResult_DoneRetriedOrRefusedAtOnce()
    {
        var time = new FakeTimeProvider(T0);
        var handler = new BatchHandler(job => job.DedupeKey switch
        {
            "retry" => new InvalidOperationException("CRM busy"),
            "refused" => new JobRefusedException("The org's validation rule refused it."),
            _ => null,
        });
        var worker = Worker(time, [handler]);
        await _store.EnqueueAllAsync([BatchJob("done"), BatchJob("retry"), BatchJob("refused")]);

        Assert.Equal(3, await worker.RunOnceAsync(CancellationToken.None));

        var dead = Assert.Single(await _store.ListDeadAsync(10));
        Assert.Equal("refused", dead.DedupeKey);
        Assert.Equal("Refused on attempt 1: The org's validation rule refused it.", dead.LastError);
        Assert.Equal(1, await _store.PendingAsync());
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(["retry"], handler.Seen.Skip(3));
    }

    [Fact]
    public async Task RunOnce_BatchThatThrows_FailsEveryJobOfIt_ForALaterAttempt()
    {
        var handler = new BatchHandler(_ => null) { Throw = true };
        var worker = Worker(new FakeTimeProvider(T0), [handler]);
        await _store.EnqueueAllAsync([BatchJob("x-1"), BatchJob("x-2")]);

        Assert.Equal(2, await worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal(2, await _store.PendingAsync());
        Assert.Equal(0, await _store.DeadCountAsync());
        Assert.Equal(0, await worker.RunOnceAsync(CancellationToken.None));
    }

    private sealed class BatchHandler(Func<OutboxJob, Exception?> outcome) : IOutboxBatchHandler
    {
        public string Kind => "batch";

        public List<int> Batches { get; } = [];

        public List<string> Seen { get; } = [];

        public bool Throw { get; init; }

        public Task<IReadOnlyList<OutboxJobResult>> RunBatchAsync(IReadOnlyList<OutboxJob> jobs, CancellationToken cancellationToken)
        {
            Batches.Add(jobs.Count);
            Seen.AddRange(jobs.Select(j => j.DedupeKey));
            if (Throw)
            {
                throw new InvalidOperationException("The remote is down.");
            }

            return Task.FromResult<IReadOnlyList<OutboxJobResult>>([.. jobs.Select(j => outcome(j) is { } error ? OutboxJobResult.Failed(error) : OutboxJobResult.Done("ran"))]);
        }
    }
}
