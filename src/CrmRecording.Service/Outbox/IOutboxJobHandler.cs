using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Outbox;

/// <summary>Does one kind of outbox job. Must be idempotent: a job may run again after a crash or a lost completion.</summary>
internal interface IOutboxJobHandler
{
    string Kind { get; }

    /// <summary>Attempts (a crash while running counts as one) before the job is dead-lettered; <c>Outbox:MaxAttempts:{kind}</c> overrides it.</summary>
    int MaxAttempts => 20;

    /// <summary>How many jobs of this kind one instance runs at once; <c>Outbox:Parallelism:{kind}</c> overrides it.</summary>
    int Parallelism => 4;

    /// <returns>A short outcome for the log (no customer data).</returns>
    Task<string> RunAsync(OutboxJob job, CancellationToken cancellationToken);

    /// <summary>The job was dead-lettered with <paramref name="reason"/>: say so where people look (the call, say). Default: nothing.</summary>
    Task GaveUpAsync(OutboxJob job, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
