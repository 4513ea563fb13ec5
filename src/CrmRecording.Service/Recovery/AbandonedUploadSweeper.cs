using CrmRecording.Service.Outbox;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Recovery;

/// <summary>
/// Removes the <c>.partial</c> files a crash during a blob write leaves in the local store, at start and every lease:
/// a file last written before the oldest claim still held (and over a lease ago) belongs to no running upload,
/// since an ingest writes its file only after claiming its job, and a running upload keeps writing.
/// </summary>
internal sealed partial class AbandonedUploadSweeper(IBlobStore blobs, IOutbox outbox, OutboxWorker worker, TimeProvider time, ILogger<AbandonedUploadSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (blobs is not LocalBlobStore local)
        {
            return; // Azure discards uncommitted blocks by itself
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(local, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SweepFailed(log, ex.GetType().Name);
            }

            await Task.Delay(worker.Lease, time, stoppingToken).ConfigureAwait(false);
        }
    }

    internal async Task<int> SweepAsync(LocalBlobStore local, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var oldestClaim = await outbox.OldestLiveClaimAsync(now, cancellationToken).ConfigureAwait(false) ?? now;
        var margin = now - worker.Lease;
        var removed = local.RemoveAbandonedUploads(oldestClaim < margin ? oldestClaim : margin);
        if (removed > 0)
        {
            Removed(log, removed);
        }

        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} temporary upload file(s) left by an interrupted recording write")]
    private static partial void Removed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep of interrupted uploads failed ({Error}); it runs again later")]
    private static partial void SweepFailed(ILogger logger, string error);
}
