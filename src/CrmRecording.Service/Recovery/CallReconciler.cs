using CrmRecording.Service.Calls;
using CrmRecording.Service.Calls.State;
using CrmRecording.Service.Ingest;
using CrmRecording.Telephony;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Recovery;

/// <summary>
/// Brings every call not in a final state to the truth Twilio has, at start and every
/// <see cref="CallFlowOptions.ReconcileEverySeconds"/>: webhooks lost while the service was down (killed mid-call, say)
/// leave calls in progress and recordings unfetched. A call Twilio says has ended gets its end time; each recording
/// Twilio has completed is queued for ingest; a recording Twilio no longer has that the vault never stored becomes
/// <c>lost</c>, with why, audited, counted by <c>/health/ready</c> and written onto the CRM phone call — never left
/// <c>ingesting</c> for ever. Every step is idempotent, so instances reconciling together do no harm.
/// </summary>
internal sealed partial class CallReconciler(
    ICallStore calls,
    Lazy<TwilioClient> twilio,
    IOutbox outbox,
    IMetadataStore metadata,
    IOptions<CallFlowOptions> options,
    TimeProvider time,
    ILogger<CallReconciler> log) : BackgroundService
{
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (in the sandbox the Twilio stand-in's address is known only then).
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReconcileOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                RoundFailed(log, ex.GetType().Name);
            }

            var every = options.Value.ReconcileEverySeconds;
            if (every <= 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(every), time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <returns>How many calls were looked at.</returns>
    internal async Task<int> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var open = await calls.ListUnsettledAsync(Batch, cancellationToken).ConfigureAwait(false);
        foreach (var call in open)
        {
            try
            {
                await ReconcileAsync(call, cancellationToken).ConfigureAwait(false);
            }
            catch (TwilioException ex)
            {
                // Twilio is down or refused: this call waits for the next round; the others go on.
                TwilioFailed(log, call.Id, ex.Status, ex.Code ?? 0);
            }
        }

        return open.Count;
    }

    private async Task ReconcileAsync(CallRecord call, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (call.TwilioCallSid is not { } callSid)
        {
            // Never reached Twilio (the service stopped between storing the call and placing it): after the ring
            // timeout and a margin it never will.
            if (call.EndedAt is null && now - call.CreatedAt > TimeSpan.FromSeconds(options.Value.RingTimeoutSeconds + 120))
            {
                var failed = await calls.UpdateAsync(call.Id, c => CallTransitions.PlacementFailed(c, now).Or(c), cancellationToken).ConfigureAwait(false);
                await CallCloseJob.QueueAsync(outbox, failed, now, cancellationToken).ConfigureAwait(false);
                NeverPlaced(log, call.Id);
            }

            return;
        }

        if (call.EndedAt is null)
        {
            TwilioCall remote;
            try
            {
                remote = await twilio.Value.GetCallAsync(callSid, cancellationToken).ConfigureAwait(false);
            }
            catch (TwilioException ex) when (ex.Status == 404)
            {
                // Twilio has no such call (any more): nothing will come of it.
                remote = new TwilioCall { Sid = callSid, Status = "failed" };
            }

            if (remote.Status is not ("completed" or "busy" or "failed" or "no-answer" or "canceled"))
            {
                return; // still going: its own webhooks, or the next round, will end it
            }

            var endedAt = remote.EndTime ?? now;
            call = await calls.UpdateAsync(call.Id, c => CallTransitions.Reconciled(c, remote.Status, endedAt, remote.Duration).Or(c), cancellationToken).ConfigureAwait(false);
            await CallCloseJob.QueueAsync(outbox, call, now, cancellationToken).ConfigureAwait(false);
            CallEnded(log, call.Id, remote.Status);
        }

        var atTwilio = new Dictionary<string, TwilioRecording>(StringComparer.Ordinal);
        foreach (var sid in new[] { call.TwilioCallSid, call.CustomerCallSid }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            foreach (var recording in await twilio.Value.ListRecordingsAsync(sid, cancellationToken).ConfigureAwait(false))
            {
                atTwilio[recording.Sid] = recording;
            }
        }

        foreach (var recording in atTwilio.Values)
        {
            await ReconcileKnownAsync(call, recording, cancellationToken).ConfigureAwait(false);
        }

        foreach (var entry in call.Recordings.Where(r => !r.IsSettled && r.Status != "lost" && !atTwilio.ContainsKey(r.RecordingSid)))
        {
            await ReconcileMissingAsync(call, entry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A recording Twilio has: queue what is complete, note what is absent or failed, wait for the rest.</summary>
    private async Task ReconcileKnownAsync(CallRecord call, TwilioRecording recording, CancellationToken cancellationToken)
    {
        var entry = call.Recordings.FirstOrDefault(r => r.RecordingSid == recording.Sid);
        if (entry is { IsSettled: true } || entry?.Status is "discarded" or "absent" or "failed" or "lost")
        {
            return;
        }

        switch (recording.Status)
        {
            case "completed" when entry?.VaultId is null:
                var now = time.GetUtcNow();
                // The same dedupe key as the callback's: a job already queued (or done) is left as it is.
                var queued = await outbox.EnqueueAsync(new RecordingIngestJob(call.Id, recording.Sid, recording.CallSid ?? call.TwilioCallSid!, recording.Duration).ToOutboxJob(now, now), cancellationToken).ConfigureAwait(false);
                if (queued)
                {
                    IngestQueued(log, call.Id);
                }

                break;
            case "absent" or "failed":
                await calls.UpdateAsync(call.Id, c => c with { Recordings = [.. c.Recordings.Where(r => r.RecordingSid != recording.Sid), new CallRecording(recording.Sid, recording.Status!)] }, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>A recording the call knows of that Twilio no longer has: fine if the vault stored it, else lost.</summary>
    private async Task ReconcileMissingAsync(CallRecord call, CallRecording entry, CancellationToken cancellationToken)
    {
        if (entry.VaultId is { } vaultId && RecordingId.TryParse(vaultId, out var id)
            && await metadata.GetRecordingAsync(id, cancellationToken).ConfigureAwait(false) is { IsDeleted: false })
        {
            return; // stored; its ingest job finishes the rest (a delete at Twilio that finds nothing is fine)
        }

        var now = time.GetUtcNow();
        var reason = $"Twilio no longer has recording {entry.RecordingSid} (checked {now:u}, after the call ended) and the vault never stored it; it was last known as '{entry.Status}'";
        var marked = false;
        await calls.UpdateAsync(
            call.Id,
            c =>
            {
                marked = c.Recordings.Any(r => r.RecordingSid == entry.RecordingSid && r.Status == entry.Status && r.VaultId == entry.VaultId);
                return marked
                    ? c with { Recordings = [.. c.Recordings.Select(r => r.RecordingSid == entry.RecordingSid ? r with { Status = "lost", Problem = reason, WrittenToCrm = false } : r)] }
                    : c;
            },
            cancellationToken).ConfigureAwait(false);
        if (!marked)
        {
            return; // it moved on meanwhile; the next round looks again
        }

        await metadata.AppendAuditAsync(new AuditEntry(now, "recording-lost", "reconcile:twilio", null, $"call={call.Id} twilio={entry.RecordingSid} reason={reason}"), cancellationToken).ConfigureAwait(false);
        await outbox.EnqueueAsync(new CallSummaryJob(call.Id, entry.RecordingSid).ToOutboxJob(now), cancellationToken).ConfigureAwait(false);
        RecordingLost(log, call.Id, entry.Status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile: call {CallId} had ended at Twilio ({Status}) without the service hearing of it; its end is recorded")]
    private static partial void CallEnded(ILogger logger, string callId, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile: call {CallId} has a completed recording at Twilio not yet stored; queued for ingest")]
    private static partial void IngestQueued(ILogger logger, string callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile: call {CallId} lost a recording (last known '{Status}'): Twilio no longer has it and the vault never stored it")]
    private static partial void RecordingLost(ILogger logger, string callId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile: call {CallId} never reached Twilio; marked failed")]
    private static partial void NeverPlaced(ILogger logger, string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile: Twilio answered {Status} (error {Code}) for call {CallId}; it is looked at again next round")]
    private static partial void TwilioFailed(ILogger logger, string callId, int status, int code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile: the round failed ({Error}); the next round tries again")]
    private static partial void RoundFailed(ILogger logger, string error);
}
