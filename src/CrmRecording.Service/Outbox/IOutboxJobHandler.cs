using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Outbox;

/// <summary>Does one kind of outbox job. Must be idempotent: a job may run again after a crash or a lost completion.</summary>
internal interface IOutboxJobHandler
{
    string Kind { get; }

    /// <returns>A short outcome for the log (no customer data).</returns>
    Task<string> RunAsync(OutboxJob job, CancellationToken cancellationToken);
}
