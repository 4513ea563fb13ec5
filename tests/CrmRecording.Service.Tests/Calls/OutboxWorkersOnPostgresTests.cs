using System.Collections.Concurrent;
using CrmRecording.Service.Outbox;
using CrmRecording.Service.Tests.Webhooks;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Several service instances over one PostgreSQL database: each queued job is done by exactly one worker.</summary>
public sealed class OutboxWorkersOnPostgresTests : IAsyncLifetime
{
    private PostgresTestDatabase? _database;
    private PostgresMetadataStore? _store;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync("crmrec_workers");
        if (_database is null)
        {
            return;
        }

        _store = new PostgresMetadataStore(_database.ConnectionString);
        await _store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task ThreeWorkersDrainingOneOutbox_RunEveryIngestJobExactlyOnce()
    {
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < 60; i++)
        {
            Assert.True(await _store!.EnqueueAsync(new OutboxJob(Guid.NewGuid().ToString("N"), CountingHandler.JobKind, $"job-{i}", $"{i}", now, 0, now)));
        }

        var runs = new ConcurrentDictionary<string, int>();
        var workers = Enumerable.Range(0, 3).Select(_ => new OutboxWorker(_store!, [new CountingHandler(runs)], TimeProvider.System, NullLogger<OutboxWorker>.Instance)).ToList();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await _store!.PendingAsync() > 0 && !stop.IsCancellationRequested)
        {
            await Task.WhenAll(workers.Select(w => w.RunOnceAsync(stop.Token)));
        }

        Assert.Equal(60, runs.Count);
        Assert.All(runs, r => Assert.Equal(1, r.Value));
    }

    private sealed class CountingHandler(ConcurrentDictionary<string, int> runs) : IOutboxJobHandler
    {
        public const string JobKind = "counting";

        public string Kind => JobKind;

        public async Task<string> RunAsync(OutboxJob job, CancellationToken cancellationToken)
        {
            runs.AddOrUpdate(job.Payload, 1, (_, n) => n + 1);
            await Task.Delay(5, cancellationToken);
            return "counted";
        }
    }
}
