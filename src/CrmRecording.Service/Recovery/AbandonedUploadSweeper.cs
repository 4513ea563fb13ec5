using CrmRecording.Service.Outbox;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Outbox;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Service.Recovery;

/// <summary>
/// Removes what a crash in the middle of storing a recording leaves, at start and every lease: the <c>.partial</c>
/// files of a blob write (local store; Azure discards uncommitted blocks itself), and committed blobs no recording
/// owns (a crash between the blob's commit and its metadata row, or between a shred and its blob delete). Only what
/// was last written before the oldest claim still held, and over a lease ago, is removed: an ingest writes only after
/// claiming its job, and a running upload keeps writing.
/// </summary>
/// <param name="orphanEvery">
/// How often committed blobs are listed for orphans, after a listing at start and another two leases later (once what
/// a crash just before the start left is older than the horizon).
/// </param>
internal sealed partial class AbandonedUploadSweeper(IBlobStore blobs, RecordingVault vault, IOutbox outbox, OutboxWorker worker, TimeProvider time, ILogger<AbandonedUploadSweeper> log, TimeSpan orphanEvery) : BackgroundService
{
    private DateTimeOffset? _orphansDueAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SweepFailed(log, ex.GetType().Name);
            }

            await Task.Delay(worker.Lease, time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <returns>How many temporary files and orphaned blobs were removed.</returns>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var oldestClaim = await outbox.OldestLiveClaimAsync(now, cancellationToken).ConfigureAwait(false) ?? now;
        var margin = now - worker.Lease;
        var horizon = oldestClaim < margin ? oldestClaim : margin;
        var partials = blobs is LocalBlobStore local ? local.RemoveAbandonedUploads(horizon) : 0;
        if (partials > 0)
        {
            Removed(log, partials);
        }

        if (now < _orphansDueAt)
        {
            return partials;
        }

        _orphansDueAt = now + (_orphansDueAt is null ? worker.Lease * 2 : orphanEvery);
        var orphans = await vault.RemoveOrphanBlobsAsync(horizon, "sweeper", cancellationToken).ConfigureAwait(false);
        if (orphans.Count > 0)
        {
            OrphansRemoved(log, orphans.Count);
        }

        return partials + orphans.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} temporary upload file(s) left by an interrupted recording write")]
    private static partial void Removed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed {Count} stored blob(s) no recording owns, left by a crash between a blob's commit and its metadata (unreadable: their keys were never kept)")]
    private static partial void OrphansRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep of interrupted uploads failed ({Error}); it runs again later")]
    private static partial void SweepFailed(ILogger logger, string error);
}
