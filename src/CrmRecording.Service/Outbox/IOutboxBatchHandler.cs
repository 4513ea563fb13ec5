using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Outbox;

/// <summary>
/// Does jobs of one kind many at a time, for remotes that take a batch in one request (Salesforce's sObject
/// Collections take 200 records). The worker claims up to <see cref="BatchSize"/> jobs, waiting up to
/// <see cref="Linger"/> for a part-full batch to fill, and records each job's own result. Must be idempotent,
/// like every handler.
/// </summary>
internal interface IOutboxBatchHandler : IOutboxJobHandler
{
    int BatchSize => 200;

    /// <summary>How long a part-full batch waits for more jobs before it runs; zero runs it at once.</summary>
    TimeSpan Linger => TimeSpan.Zero;

    /// <returns>One result per job, in the order given.</returns>
    Task<IReadOnlyList<OutboxJobResult>> RunBatchAsync(IReadOnlyList<OutboxJob> jobs, CancellationToken cancellationToken);

    async Task<string> IOutboxJobHandler.RunAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var result = (await RunBatchAsync([job], cancellationToken).ConfigureAwait(false))[0];
        return result.Error is { } error ? throw error : result.Outcome!;
    }
}

/// <summary>How one job of a batch ended: an outcome for the log, or the failure the worker retries or dead-letters on.</summary>
internal sealed record OutboxJobResult(string? Outcome, Exception? Error)
{
    public static OutboxJobResult Done(string outcome) => new(outcome, null);

    public static OutboxJobResult Failed(Exception error) => new(null, error);
}
