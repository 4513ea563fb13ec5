using System.Text.Json;
using CrmRecording.Service.Outbox;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Writes one consent event to the CRM as a <c>crr_consentlog</c> row; the consent-log write-back step then
/// adds the note to the phone call and sets the contact's consent columns. Idempotent: an existing row for the
/// same call and event is left alone.
/// </summary>
internal sealed class ConsentLogJobHandler(ICallStore calls, ICallCrm crm) : IOutboxJobHandler
{
    public string Kind => CallEvents.ConsentLogKind;

    /// <summary>Consent evidence waits out a CRM outage of most of a day (the backoff is capped at an hour) before an operator is asked.</summary>
    public int MaxAttempts => 30;

    public async Task<string> RunAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<ConsentLogJob>(job.Payload) ?? throw new InvalidOperationException("The job's payload is empty.");
        var call = await calls.GetAsync(payload.CallId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No call {payload.CallId}.");
        if (call.PhoneCallId is null)
        {
            throw new RetryLaterException("The phone call activity is not created yet.");
        }

        return await crm.EnsureConsentLogAsync(call, payload.Event, cancellationToken).ConfigureAwait(false) ? "written" : "already-written";
    }
}
