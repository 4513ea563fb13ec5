namespace CrmRecording.Vault.Outbox;

/// <summary>
/// The durable outbox: work is written here in the same store as everything else, claimed by a worker
/// under a short lease that the worker renews while the job runs, and retried with backoff until it succeeds
/// or its kind's attempts are spent, when it is dead-lettered for an operator. A claim whose lease expires
/// (the worker crashed) is claimed again, so nothing is lost; two workers never hold the same job at once.
/// </summary>
public interface IOutbox
{
    /// <returns>False when a job with the same dedupe key already exists: a duplicate delivery.</returns>
    Task<bool> EnqueueAsync(OutboxJob job, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enqueues the jobs in one transaction: when this returns, every one of them is stored (or was already there);
    /// when it throws, none of them was. The default enqueues one after another, for wrappers that forward to a store.
    /// </summary>
    /// <returns>For each job in order, false when a job with its dedupe key already existed.</returns>
    async Task<IReadOnlyList<bool>> EnqueueAllAsync(IReadOnlyList<OutboxJob> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var inserted = new bool[jobs.Count];
        for (var i = 0; i < jobs.Count; i++)
        {
            inserted[i] = await EnqueueAsync(jobs[i], cancellationToken).ConfigureAwait(false);
        }

        return inserted;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due jobs of <paramref name="kinds"/> (any kind when null) for
    /// <paramref name="worker"/> until <paramref name="now"/> + <paramref name="lease"/>. Dead jobs are never claimed.
    /// </summary>
    Task<IReadOnlyList<OutboxJob>> ClaimAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, OutboxKinds? kinds = null, CancellationToken cancellationToken = default);

    /// <summary>Extends a running job's lease (the worker's heartbeat).</summary>
    /// <returns>False when <paramref name="worker"/> no longer holds the job: its lease lapsed and it may be running elsewhere.</returns>
    Task<bool> RenewAsync(string id, string worker, DateTimeOffset until, CancellationToken cancellationToken = default);

    Task CompleteAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Completes the jobs of a batch together (one transaction in the stores); the default completes one after another.</summary>
    async Task CompleteAllAsync(IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            await CompleteAsync(id, now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records a failed attempt and when to try again.</summary>
    Task FailAsync(string id, string failure, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>Gives up on a job: it is kept, with why, for <see cref="ListDeadAsync"/> and <see cref="RetryAsync"/>, and never claimed.</summary>
    Task DeadLetterAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Dead jobs, most recently dead first.</summary>
    Task<IReadOnlyList<OutboxJob>> ListDeadAsync(int max, CancellationToken cancellationToken = default);

    Task<int> DeadCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Brings a dead job back: due at <paramref name="now"/> with its attempts reset.</summary>
    /// <returns>False when no dead job has that id.</returns>
    Task<bool> RetryAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>When the oldest claim still held at <paramref name="now"/> was taken; null when no job is held.</summary>
    Task<DateTimeOffset?> OldestLiveClaimAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Empties the payload of jobs done before <paramref name="doneBefore"/>: a finished webhook body (with customers'
    /// phone numbers) is not kept for ever. The row stays, so a late duplicate delivery is still recognised.
    /// </summary>
    /// <returns>How many payloads were emptied.</returns>
    Task<int> PurgeDoneAsync(DateTimeOffset doneBefore, CancellationToken cancellationToken = default);

    /// <summary>Jobs not yet done and not dead.</summary>
    Task<int> PendingAsync(CancellationToken cancellationToken = default);

    /// <summary>Waiting jobs per kind, with the oldest's creation time; a wrapper that does not forward it reports none.</summary>
    Task<IReadOnlyList<OutboxDepth>> DepthByKindAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<OutboxDepth>>([]);
}
