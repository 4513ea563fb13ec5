using System.Text.Json;
using CrmRecording.Service.Calls.State;
using CrmRecording.Service.Outbox;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Completes the CRM activity of a call that ended — recorded or not, whatever its end — once nothing more will be
/// written to it: every recording of the call is in a final state (stored and linked, discarded, absent, failed, or lost
/// and said so), and a call that should have produced a recording has had time to announce it. A Dataverse phone call
/// is read-only once closed, so closing is the last write.
/// </summary>
internal sealed class CallCloseJobHandler(ICallStore calls, ICallCrm crm, IOptions<CallFlowOptions> options, TimeProvider time) : IOutboxJobHandler
{
    public string Kind => CallCloseJob.Kind;

    /// <summary>Waits out the recordings' ingest and a CRM outage (the backoff is capped at an hour).</summary>
    public int MaxAttempts => 30;

    public async Task<string> RunAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<CallCloseJob>(job.Payload) ?? throw new InvalidOperationException("The job's payload is empty.");
        var call = await calls.GetAsync(payload.CallId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No call {payload.CallId}.");
        if (call.ActivityRef is null && call.PhoneCallId is null)
        {
            // The CRM refused the activity, so the call was never placed: there is nothing to close.
            return "no-activity";
        }

        // Retried with the outbox's backoff: soon after the hang-up, further apart while an ingest takes its time.
        if (!call.IsEnded || call.Recordings.Any(r => !r.IsSettled))
        {
            throw new RetryLaterException("The call's recordings are not in a final state yet.");
        }

        if (AwaitsRecording(call) && time.GetUtcNow() < call.EndedAt + TimeSpan.FromSeconds(2 * options.Value.ReconcileAfterSeconds))
        {
            throw new RetryLaterException("The call was allowed to record and answered; Twilio has not announced its recording yet.");
        }

        await crm.CloseActivityAsync(call, cancellationToken).ConfigureAwait(false);
        return "closed";
    }

    /// <summary>Allowed to record and answered, and ended normally: Twilio reports the recording after the hang-up.</summary>
    private static bool AwaitsRecording(CallRecord call) =>
        call.Recordings.Count == 0 && call.RecordingAllowed && call.CustomerCallSid is not null && call.Status == CallStatus.Completed;
}
