using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Outbox;

/// <summary>Lanes whose handler takes batches: one claim of up to a batch, one run, each job's own end.</summary>
internal sealed partial class OutboxWorker
{
    private async Task<IReadOnlyList<OutboxJob>> ClaimBatchAsync(OutboxLane lane, IOutboxBatchHandler handler, bool linger, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(handler.BatchSize, 1, 10_000);
        var jobs = await outbox.ClaimAsync(_worker, size, time.GetUtcNow(), Lease, lane.Kinds, cancellationToken).ConfigureAwait(false);
        if (!linger || jobs.Count == 0 || jobs.Count >= size || handler.Linger <= TimeSpan.Zero)
        {
            return jobs;
        }

        // A part-full batch waits a moment for the rest of a burst: one request for 200 records, not ten for 20.
        await Task.Delay(handler.Linger < Lease / 3 ? handler.Linger : Lease / 3, time, cancellationToken).ConfigureAwait(false);
        var more = await outbox.ClaimAsync(_worker, size - jobs.Count, time.GetUtcNow(), Lease, lane.Kinds, cancellationToken).ConfigureAwait(false);
        return [.. jobs, .. more];
    }

    private async Task RunBatchAsync(OutboxLane lane, IOutboxBatchHandler handler, IReadOnlyList<OutboxJob> claimed, CancellationToken stoppingToken)
    {
        try
        {
            var jobs = new List<OutboxJob>(claimed.Count);
            foreach (var job in claimed)
            {
                if (!await DeadIfNeverFinishedAsync(lane, handler, job).ConfigureAwait(false))
                {
                    jobs.Add(job);
                }
            }

            if (jobs.Count > 0)
            {
                await RunLiveBatchAsync(lane, handler, jobs, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Recording the outcomes failed (the store is down): the claims lapse and the jobs are taken again.
            StoreFailed(log, ex.GetType().Name);
        }
    }

    private async Task RunLiveBatchAsync(OutboxLane lane, IOutboxBatchHandler handler, List<OutboxJob> jobs, CancellationToken stoppingToken)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var heartbeatStop = new CancellationTokenSource();
        var lost = new HashSet<string>(StringComparer.Ordinal);
        var heartbeats = jobs.Select(job => HeartbeatAsync(job, () =>
        {
            lock (lost)
            {
                lost.Add(job.Id);
            }
        }, heartbeatStop.Token)).ToList();
        IReadOnlyList<OutboxJobResult> results;
        try
        {
            results = await handler.RunBatchAsync(jobs, run.Token).ConfigureAwait(false);
            if (results.Count != jobs.Count)
            {
                throw new InvalidOperationException($"The {lane.Name} handler answered {results.Count} results for {jobs.Count} jobs.");
            }
        }
        catch (Exception ex)
        {
            results = [.. jobs.Select(_ => OutboxJobResult.Failed(ex))];
        }

        await heartbeatStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(heartbeats).ConfigureAwait(false);
        var done = new List<(OutboxJob Job, string Outcome)>(jobs.Count);
        for (var i = 0; i < jobs.Count; i++)
        {
            if (lost.Contains(jobs[i].Id))
            {
                // Another worker holds it now; its outcome is that worker's to record.
                LeaseLost(log, jobs[i].Kind, jobs[i].Attempts);
            }
            else if (results[i].Error is null)
            {
                done.Add((jobs[i], results[i].Outcome ?? "done"));
            }
            else
            {
                await EndAsync(lane, handler, jobs[i], null, results[i].Error, stoppingToken).ConfigureAwait(false);
            }
        }

        // One transaction for the batch's done jobs: 200 separate commits would cost more than the remote request.
        await outbox.CompleteAllAsync([.. done.Select(d => d.Job.Id)], time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        foreach (var group in done.GroupBy(d => d.Outcome, StringComparer.Ordinal))
        {
            var count = group.Count();
            BatchDone(log, lane.Name, count, group.Key);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox batch of {Kind}: {Count} jobs done: {Outcome}")]
    private static partial void BatchDone(ILogger logger, string kind, int count, string outcome);
}
