namespace CrmRecording.Vault.Outbox;

/// <summary>
/// The durable outbox: work is written here in the same store as everything else, claimed by a worker
/// under a lease, and retried with backoff until it succeeds. A claim whose lease expires (the worker
/// crashed) is claimed again, so nothing is lost; two workers never hold the same job at once.
/// </summary>
public interface IOutbox
{
    /// <returns>False when a job with the same dedupe key already exists: a duplicate delivery.</returns>
    Task<bool> EnqueueAsync(OutboxJob job, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="max"/> due jobs for <paramref name="worker"/> until <paramref name="now"/> + <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<OutboxJob>> ClaimAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    Task CompleteAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt and when to try again.</summary>
    Task FailAsync(string id, string failure, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Empties the payload of jobs done before <paramref name="doneBefore"/>: a finished webhook body (with customers'
    /// phone numbers) is not kept for ever. The row stays, so a late duplicate delivery is still recognised.
    /// </summary>
    /// <returns>How many payloads were emptied.</returns>
    Task<int> PurgeDoneAsync(DateTimeOffset doneBefore, CancellationToken cancellationToken = default);

    /// <summary>Jobs not yet done.</summary>
    Task<int> PendingAsync(CancellationToken cancellationToken = default);
}
