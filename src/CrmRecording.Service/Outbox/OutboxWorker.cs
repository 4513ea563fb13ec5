using CrmRecording.Http;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Outbox;

/// <summary>
/// Runs queued work in one lane per job kind, each with bounded parallelism. A claim is a short lease renewed
/// by a heartbeat while the job runs, so a crashed instance's job is taken again within a lease, not after
/// the longest job we can imagine. A failure (a CRM outage, throttling) is retried with exponential backoff —
/// or after the remote's Retry-After — until the kind's attempts are spent; the job is then dead-lettered,
/// listed by <c>crmrec outbox list --dead</c>, counted by <c>/health/ready</c> and retried by hand.
/// </summary>
internal sealed partial class OutboxWorker(IOutbox outbox, IEnumerable<IOutboxJobHandler> handlers, TimeProvider time, ILogger<OutboxWorker> log, IOptions<OutboxWorkerOptions>? options = null) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);
    private readonly OutboxWorkerOptions _options = options?.Value ?? new OutboxWorkerOptions();
    private readonly string _worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;
    private IReadOnlyList<OutboxLane>? _lanes;

    /// <summary>The first retry's delay; each further failure doubles it (capped at an hour). <c>Outbox:RetryBaseMilliseconds</c>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a finished job's payload (a webhook body with phone numbers) is kept. <c>Outbox:KeepDoneDays</c> (7).</summary>
    public TimeSpan KeepDone { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Where dead jobs and finished jobs' latency are counted; none in tests that build the worker bare.</summary>
    public Telemetry.CrmRecordingTelemetry? Telemetry { get; set; }

    /// <summary>How long to sleep when there is nothing to do.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a claim lasts without a heartbeat. <c>Outbox:LeaseSeconds</c> (30).</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(_options.LeaseSeconds);

    internal IReadOnlyList<OutboxLane> Lanes => _lanes ??= OutboxLane.For(handlers, _options);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll([.. Lanes.Select(lane => Task.Run(() => RunLaneAsync(lane, stoppingToken), CancellationToken.None)), PurgeLoopAsync(stoppingToken)]);

    /// <summary>Claims what each lane has room for and runs it to the end, lane after lane; for tests that drive the worker.</summary>
    /// <returns>How many jobs were attempted.</returns>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await PurgeIfDueAsync(cancellationToken).ConfigureAwait(false);
        var attempted = 0;
        foreach (var lane in Lanes)
        {
            if (lane.Handler is IOutboxBatchHandler batcher)
            {
                var batch = await ClaimBatchAsync(lane, batcher, linger: false, cancellationToken).ConfigureAwait(false);
                attempted += batch.Count;
                if (batch.Count > 0)
                {
                    await RunBatchAsync(lane, batcher, batch, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var jobs = await outbox.ClaimAsync(_worker, lane.Parallelism, time.GetUtcNow(), Lease, lane.Kinds, cancellationToken).ConfigureAwait(false);
            attempted += jobs.Count;
            await Task.WhenAll(jobs.Select(job => RunJobAsync(lane, job, cancellationToken))).ConfigureAwait(false);
        }

        return attempted;
    }

    private async Task RunLaneAsync(OutboxLane lane, CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            var claimed = 0;
            if (running.Count < lane.Parallelism)
            {
                try
                {
                    if (lane.Handler is IOutboxBatchHandler batcher)
                    {
                        // A batch lane's parallelism counts batches.
                        var batch = await ClaimBatchAsync(lane, batcher, linger: true, stoppingToken).ConfigureAwait(false);
                        claimed = batch.Count;
                        if (batch.Count > 0)
                        {
                            running.Add(RunBatchAsync(lane, batcher, batch, stoppingToken));
                        }
                    }
                    else
                    {
                        var jobs = await outbox.ClaimAsync(_worker, lane.Parallelism - running.Count, time.GetUtcNow(), Lease, lane.Kinds, stoppingToken).ConfigureAwait(false);
                        claimed = jobs.Count;
                        running.AddRange(jobs.Select(job => RunJobAsync(lane, job, stoppingToken)));
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store itself failed; the lane must survive it and try again.
                    StoreFailed(log, ex.GetType().Name);
                }
            }

            if (claimed == 0 || running.Count >= lane.Parallelism)
            {
                // Wake when a slot frees up, or after the idle poll to look for new work.
                var idle = Task.Delay(Idle, time, stoppingToken);
                await Task.WhenAny(running.Count >= lane.Parallelism ? running : [.. running, idle]).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task PurgeLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeIfDueAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                StoreFailed(log, ex.GetType().Name);
                await Task.Delay(Idle, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PurgeIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextPurge)
        {
            return;
        }

        // Hourly is plenty: a payload outlives its keep time by an hour at most.
        _nextPurge = now + TimeSpan.FromHours(1);
        var purged = await outbox.PurgeDoneAsync(now - KeepDone, cancellationToken).ConfigureAwait(false);
        if (purged > 0)
        {
            Purged(log, purged, KeepDone.TotalDays);
        }
    }

    private static TimeSpan? RetryAfter(Exception ex) => ex switch
    {
        Crm.CrmUnavailableException c => c.RetryAfter,
        RetryLaterException r => r.After,
        _ => null,
    };

    internal static TimeSpan Backoff(int attempts, TimeSpan? retryAfter, TimeSpan? retryBase = null)
    {
        var exponential = RetryDelay.Exponential(attempts, retryBase ?? TimeSpan.FromSeconds(1), MaxBackoff);
        var delay = retryAfter is { } r && r > exponential ? r : exponential;
        return delay > MaxBackoff ? MaxBackoff : delay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: the payloads of {Count} jobs finished over {Days} days ago were emptied")]
    private static partial void Purged(ILogger logger, int count, double days);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox store failed ({Error}); retrying")]
    private static partial void StoreFailed(ILogger logger, string error);
}
