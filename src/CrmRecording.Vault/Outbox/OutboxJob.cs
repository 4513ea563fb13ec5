namespace CrmRecording.Vault.Outbox;

/// <summary>A unit of background work kept durably until done: a webhook step, an ingest, a CRM write-back.</summary>
/// <param name="Id">Random id.</param>
/// <param name="Kind">What to do (the worker's dispatch key), e.g. <c>dataverse-step</c>.</param>
/// <param name="DedupeKey">The same delivery twice has the same key; the second enqueue is a no-op.</param>
/// <param name="Payload">What the worker needs, as JSON.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="Attempts">How many times it has been tried.</param>
/// <param name="NextAttemptAt">Not before.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="DeadAt">When it was given up on (dead-lettered); null while it is still tried.</param>
public sealed record OutboxJob(string Id, string Kind, string DedupeKey, string Payload, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset NextAttemptAt, string? LastError = null, DateTimeOffset? DeadAt = null);
