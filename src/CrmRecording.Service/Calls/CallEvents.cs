using System.Text.Json;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Records a consent event on the call and queues its consent log row for the CRM in the durable outbox, so a
/// CRM outage delays the evidence but never loses it. A retried webhook that repeats an event is a no-op.
/// </summary>
internal sealed class CallEvents(ICallStore calls, IOutbox outbox, TimeProvider time)
{
    public const string ConsentLogKind = "crm-consent-log";

    public async Task<CallRecord> AddAsync(string callId, ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        // The CRM write is queued first, carrying the whole event: a crash before the call is updated then loses
        // nothing (the evidence still reaches the CRM), and a repeat is absorbed by the dedupe key.
        var now = time.GetUtcNow();
        await outbox.EnqueueAsync(
            new OutboxJob(
                Guid.NewGuid().ToString("N"),
                ConsentLogKind,
                $"{ConsentLogKind}:{callId}:{consentEvent.Key}",
                JsonSerializer.Serialize(new ConsentLogJob(callId, consentEvent)),
                now,
                0,
                now),
            cancellationToken).ConfigureAwait(false);
        return await calls.UpdateAsync(
            callId,
            c => c.ConsentEvents.Any(e => e.Key == consentEvent.Key) ? c : c with { ConsentEvents = [.. c.ConsentEvents, consentEvent] },
            cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The outbox payload of a consent log write: which call and which event.</summary>
internal sealed record ConsentLogJob(string CallId, ConsentEvent Event);
