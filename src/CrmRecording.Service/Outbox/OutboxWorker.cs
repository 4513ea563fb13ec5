using CrmRecording.Dataverse;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Outbox;

/// <summary>
/// Runs queued asynchronous steps. A failure (a CRM outage, throttling) is retried with exponential
/// backoff — or after the CRM's Retry-After — until it succeeds; a crash mid-way leaves the claim to
/// expire and another worker to pick the job up. Nothing is lost, and a step's writes are idempotent.
/// </summary>
internal sealed partial class OutboxWorker(IOutbox outbox, IEnumerable<IOutboxJobHandler> handlers, TimeProvider time, ILogger<OutboxWorker> log) : BackgroundService
{
    private readonly Dictionary<string, IOutboxJobHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    // A claim outlives the longest job we expect (an ingest streams a long recording from Twilio); the batch
    // stops at half the lease, so a job is never started on a claim that may lapse while it runs.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);
    private readonly string _worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The first retry's delay; each further failure doubles it (capped at an hour). <c>Outbox:RetryBaseMilliseconds</c>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a finished job's payload (a webhook body with phone numbers) is kept. <c>Outbox:KeepDoneDays</c> (7).</summary>
    public TimeSpan KeepDone { get; set; } = TimeSpan.FromDays(7);

    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    /// <summary>How long to sleep when there is nothing to do.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                worked = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store itself failed; the loop must survive it and try again.
                StoreFailed(log, ex.GetType().Name);
            }

            if (worked == 0)
            {
                await Task.Delay(Idle, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <returns>How many jobs were attempted.</returns>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimedAt = time.GetUtcNow();
        if (claimedAt >= _nextPurge)
        {
            // Hourly is plenty: a payload outlives its keep time by an hour at most.
            _nextPurge = claimedAt + TimeSpan.FromHours(1);
            var purged = await outbox.PurgeDoneAsync(claimedAt - KeepDone, cancellationToken).ConfigureAwait(false);
            if (purged > 0)
            {
                Purged(log, purged, KeepDone.TotalDays);
            }
        }

        var jobs = await outbox.ClaimAsync(_worker, 16, claimedAt, Lease, cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            if (time.GetUtcNow() - claimedAt > Lease / 2)
            {
                // The rest wait for their claim to lapse and are then taken again, here or by another instance.
                break;
            }

            try
            {
                var outcome = await RunAsync(job, cancellationToken).ConfigureAwait(false);
                await outbox.CompleteAsync(job.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                JobDone(log, job.Kind, job.Attempts, outcome);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff(job.Attempts, RetryAfter(ex), RetryBase);
                await outbox.FailAsync(job.Id, $"{ex.GetType().Name}: {ex.Message}", time.GetUtcNow() + delay, cancellationToken).ConfigureAwait(false);
                JobFailed(log, job.Kind, job.Attempts, ex.GetType().Name, delay.TotalSeconds);
            }
        }

        return jobs.Count;
    }

    private static TimeSpan? RetryAfter(Exception ex) => ex switch
    {
        DataverseException d => d.RetryAfter,
        RetryLaterException r => r.After,
        _ => null,
    };

    internal static TimeSpan Backoff(int attempts, TimeSpan? retryAfter, TimeSpan? retryBase = null)
    {
        var exponential = (retryBase ?? TimeSpan.FromSeconds(1)) * Math.Pow(2, Math.Min(attempts, 12));
        var delay = retryAfter is { } r && r > exponential ? r : exponential;
        return delay > MaxBackoff ? MaxBackoff : delay;
    }

    private Task<string> RunAsync(OutboxJob job, CancellationToken cancellationToken) =>
        _handlers.TryGetValue(job.Kind, out var handler)
            ? handler.RunAsync(job, cancellationToken)
            : throw new InvalidOperationException($"No worker handles outbox jobs of kind '{job.Kind}'.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox job {Kind} done on attempt {Attempt}: {Outcome}")]
    private static partial void JobDone(ILogger logger, string kind, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox job {Kind} failed on attempt {Attempt} ({Error}); retrying in {Seconds} s")]
    private static partial void JobFailed(ILogger logger, string kind, int attempt, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: the payloads of {Count} jobs finished over {Days} days ago were emptied")]
    private static partial void Purged(ILogger logger, int count, double days);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox store failed ({Error}); retrying")]
    private static partial void StoreFailed(ILogger logger, string error);
}
