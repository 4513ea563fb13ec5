using System.Text.Json;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Calls;

/// <summary>The outbox payload that completes a call's CRM activity once the call ended (one per call).</summary>
internal sealed record CallCloseJob(string CallId)
{
    public const string Kind = "crm-call-close";

    public OutboxJob ToOutboxJob(DateTimeOffset now) =>
        new(Guid.NewGuid().ToString("N"), Kind, $"{Kind}:{CallId}", JsonSerializer.Serialize(this), now, 0, now);

    /// <summary>Queues the close of an ended call's activity; a second ending of the same call is absorbed by the dedupe key.</summary>
    public static Task<bool> QueueAsync(IOutbox outbox, CallRecord call, DateTimeOffset now, CancellationToken cancellationToken) =>
        call.IsEnded ? outbox.EnqueueAsync(new CallCloseJob(call.Id).ToOutboxJob(now), cancellationToken) : Task.FromResult(false);
}
