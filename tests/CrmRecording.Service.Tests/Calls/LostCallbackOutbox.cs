using CrmRecording.Service.Ingest;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>The real outbox, except that the first ingest enqueue fails, as a store hiccup during Twilio's one callback would.</summary>
internal sealed class LostCallbackOutbox(IOutbox inner) : IOutbox
{
    private int _failed;

    public Task<bool> EnqueueAsync(OutboxJob job, CancellationToken cancellationToken = default) =>
        job.Kind == RecordingIngestJob.Kind && Interlocked.Exchange(ref _failed, 1) == 0
            ? throw new IOException("simulated store failure while Twilio's recording callback was answered")
            : inner.EnqueueAsync(job, cancellationToken);

    public Task<IReadOnlyList<OutboxJob>> ClaimAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, OutboxKinds? kinds = null, CancellationToken cancellationToken = default) =>
        inner.ClaimAsync(worker, max, now, lease, kinds, cancellationToken);

    public Task<bool> RenewAsync(string id, string worker, DateTimeOffset until, CancellationToken cancellationToken = default) => inner.RenewAsync(id, worker, until, cancellationToken);

    public Task DeadLetterAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) => inner.DeadLetterAsync(id, reason, now, cancellationToken);

    public Task<IReadOnlyList<OutboxJob>> ListDeadAsync(int max, CancellationToken cancellationToken = default) => inner.ListDeadAsync(max, cancellationToken);

    public Task<int> DeadCountAsync(CancellationToken cancellationToken = default) => inner.DeadCountAsync(cancellationToken);

    public Task<bool> RetryAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) => inner.RetryAsync(id, now, cancellationToken);

    public Task<DateTimeOffset?> OldestLiveClaimAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => inner.OldestLiveClaimAsync(now, cancellationToken);

    public Task CompleteAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) => inner.CompleteAsync(id, now, cancellationToken);

    public Task FailAsync(string id, string failure, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        inner.FailAsync(id, failure, nextAttemptAt, cancellationToken);

    public Task<int> PurgeDoneAsync(DateTimeOffset doneBefore, CancellationToken cancellationToken = default) => inner.PurgeDoneAsync(doneBefore, cancellationToken);

    public Task<int> PendingAsync(CancellationToken cancellationToken = default) => inner.PendingAsync(cancellationToken);
}
