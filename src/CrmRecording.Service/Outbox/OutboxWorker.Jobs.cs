using CrmRecording.Service.Telemetry;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Outbox;

/// <summary>One job's run: its heartbeat, its end (done, retried later or dead-lettered).</summary>
internal sealed partial class OutboxWorker
{
    private async Task RunJobAsync(OutboxLane lane, OutboxJob job, CancellationToken stoppingToken)
    {
        try
        {
            await RunClaimedAsync(lane, job, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Recording the outcome failed (the store is down): the claim lapses and the job is taken again.
            StoreFailed(log, ex.GetType().Name);
        }
    }

    private async Task RunClaimedAsync(OutboxLane lane, OutboxJob job, CancellationToken stoppingToken)
    {
        if (lane.Handler is not { } handler)
        {
            var reason = $"No worker handles outbox jobs of kind '{job.Kind}'.";
            await outbox.DeadLetterAsync(job.Id, reason, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            Telemetry?.JobDead(job.Kind);
            JobDead(log, job.Kind, job.Attempts, reason);
            return;
        }

        if (await DeadIfNeverFinishedAsync(lane, handler, job).ConfigureAwait(false))
        {
            return;
        }

        using var span = CrmRecordingTelemetry.StartJob(job.Kind);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var heartbeatStop = new CancellationTokenSource();
        var leaseLost = false;
        var heartbeat = HeartbeatAsync(job, () =>
        {
            leaseLost = true;
            run.Cancel();
        }, heartbeatStop.Token);
        try
        {
            var outcome = await handler.RunAsync(job, run.Token).ConfigureAwait(false);
            await StopAsync(heartbeatStop, heartbeat).ConfigureAwait(false);
            await EndAsync(lane, handler, job, outcome, null, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await StopAsync(heartbeatStop, heartbeat).ConfigureAwait(false);
            if (leaseLost)
            {
                // Another worker holds it now; its outcome is that worker's to record.
                LeaseLost(log, job.Kind, job.Attempts);
                return;
            }

            await EndAsync(lane, handler, job, null, ex, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records how an attempt ended: done, handed back at a shutdown, refused for good, dead-lettered, or retried after a backoff.</summary>
    private async Task EndAsync(OutboxLane lane, IOutboxJobHandler handler, OutboxJob job, string? outcome, Exception? ex, CancellationToken stoppingToken)
    {
        if (ex is null)
        {
            await outbox.CompleteAsync(job.Id, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            Telemetry?.JobDone(job.Kind, outcome ?? "done", time.GetUtcNow() - job.CreatedAt);
            JobDone(log, job.Kind, job.Attempts, outcome ?? "done");
            return;
        }

        var error = $"{ex.GetType().Name}: {ex.Message}";
        if (ex is OperationCanceledException && stoppingToken.IsCancellationRequested)
        {
            // Shutting down: hand the job back at once instead of letting its lease run out.
            await outbox.FailAsync(job.Id, "interrupted by a shutdown", time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (ex is JobRefusedException refused)
        {
            // Trying again cannot help: the remote refused the work itself. Dead at once, with the remote's reason.
            await DeadLetterAsync(handler, job, $"Refused on attempt {job.Attempts}: {refused.Message}").ConfigureAwait(false);
            JobDead(log, job.Kind, job.Attempts, nameof(JobRefusedException));
            return;
        }

        if (job.Attempts >= lane.MaxAttempts)
        {
            await DeadLetterAsync(handler, job, $"Gave up after {job.Attempts} attempts; the last: {error}").ConfigureAwait(false);
            JobDead(log, job.Kind, job.Attempts, ex.GetType().Name);
            return;
        }

        var delay = Backoff(job.Attempts, RetryAfter(ex), RetryBase);
        await outbox.FailAsync(job.Id, error, time.GetUtcNow() + delay, CancellationToken.None).ConfigureAwait(false);
        JobFailed(log, job.Kind, job.Attempts, ex.GetType().Name, delay.TotalSeconds);
    }

    /// <summary>A job claimed again after its last allowed attempt ended without an outcome (the process died while running it) is dead-lettered.</summary>
    private async Task<bool> DeadIfNeverFinishedAsync(OutboxLane lane, IOutboxJobHandler handler, OutboxJob job)
    {
        if (job.Attempts <= lane.MaxAttempts)
        {
            return false;
        }

        var reason = $"Gave up after {job.Attempts - 1} attempts, the last of which never finished (the service stopped while running it); before that: {job.LastError ?? "no error recorded"}";
        await DeadLetterAsync(handler, job, reason).ConfigureAwait(false);
        JobDead(log, job.Kind, job.Attempts - 1, "never finished");
        return true;
    }

    private async Task DeadLetterAsync(IOutboxJobHandler handler, OutboxJob job, string reason)
    {
        await outbox.DeadLetterAsync(job.Id, reason, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        Telemetry?.JobDead(job.Kind);
        try
        {
            await handler.GaveUpAsync(job, reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The job is dead-lettered and counted by /health/ready either way; only the note where people look is missing.
            GaveUpNoteFailed(log, job.Kind, ex.GetType().Name);
        }
    }

    /// <summary>Renews the lease every third of it while the job runs; when another worker has taken the job, says so.</summary>
    private async Task HeartbeatAsync(OutboxJob job, Action lost, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Lease / 3, time, stop).ConfigureAwait(false);
                if (!await outbox.RenewAsync(job.Id, _worker, time.GetUtcNow() + Lease, stop).ConfigureAwait(false))
                {
                    lost();
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A store hiccup: try again at the next beat; the lease still has two thirds to run.
                StoreFailed(log, ex.GetType().Name);
            }
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task heartbeat)
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await heartbeat.ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox job {Kind} done on attempt {Attempt}: {Outcome}")]
    private static partial void JobDone(ILogger logger, string kind, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox job {Kind} failed on attempt {Attempt} ({Error}); retrying in {Seconds} s")]
    private static partial void JobFailed(ILogger logger, string kind, int attempt, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox job {Kind} dead-lettered after {Attempts} attempts ({Reason}); see crmrec outbox list --dead")]
    private static partial void JobDead(ILogger logger, string kind, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox job {Kind} was dead-lettered, but noting it on its subject failed ({Error})")]
    private static partial void GaveUpNoteFailed(ILogger logger, string kind, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox job {Kind} (attempt {Attempt}) lost its lease to another worker and was stopped here")]
    private static partial void LeaseLost(ILogger logger, string kind, int attempt);
}
