using System.Text.Json;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Outbox;
using CrmRecording.Service.Recovery;
using CrmRecording.Telephony;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Ingest;

/// <summary>
/// Moves a finished recording from Twilio into the vault and onto the CRM activity, in steps that each
/// survive a crash: (1) choose the vault id and remember it on the call; (2) stream the media through the
/// vault's encryption (plaintext never touches disk) unless that id already landed; (3) verify it by
/// decrypting it whole; (4) only then delete it at Twilio; (5) write the link, duration, decision and
/// consent summary to the phone call. A failure anywhere is retried from the outbox with backoff.
/// </summary>
internal sealed partial class RecordingIngestHandler(
    ICallStore calls,
    ICallCrm crm,
    Lazy<TwilioClient> lazyTwilio,
    RecordingVault vault,
    IOptions<Options.VaultOptions> vaultOptions,
    FlowCheckpoint checkpoint,
    IMetadataStore metadata,
    TimeProvider time,
    ILogger<RecordingIngestHandler> log) : IOutboxJobHandler
{
    public string Kind => RecordingIngestJob.Kind;

    /// <summary>About ten hours of retries (the backoff reaches an hour after the eleventh): a Twilio outage is waited out.</summary>
    public int MaxAttempts => 20;

    /// <summary>An ingest streams a whole recording through the vault: two at a time per instance, in a lane of their own.</summary>
    public int Parallelism => 2;

    /// <summary>The recording says why it is not stored, and how to try again, instead of reading <c>ingesting</c> for ever.</summary>
    public async Task GaveUpAsync(OutboxJob job, string reason, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<RecordingIngestJob>(job.Payload) ?? throw new InvalidOperationException("The job's payload is empty.");
        var stored = $"Stored, but not written to the CRM: the write-back was given up ({reason}). Once the cause is fixed: crmrec outbox retry {job.Id}";
        var lost = $"Not stored: the ingest was given up ({reason}). Once the cause is fixed: crmrec outbox retry {job.Id}";
        await calls.UpdateAsync(payload.CallId, c => With(c, payload.RecordingSid, r => r with { Problem = r.Status == "stored" ? stored : lost }), cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> RunAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<RecordingIngestJob>(job.Payload) ?? throw new InvalidOperationException("The job's payload is empty.");
        var call = await calls.GetAsync(payload.CallId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No call {payload.CallId} for recording {payload.RecordingSid}.");

        var entry = Entry(call, payload.RecordingSid);
        if (entry.Status == "lost")
        {
            // Reconciliation found Twilio without it and the vault without it: there is nothing left to fetch.
            return "lost";
        }

        if (entry.VaultId is null && !call.RecordingAllowed)
        {
            // Audio the call had no right to keep (recording that ran on after the customer's no) is not stored:
            // it is deleted at Twilio and the discard is audited.
            await lazyTwilio.Value.DeleteRecordingAsync(payload.RecordingSid, cancellationToken).ConfigureAwait(false);
            await metadata.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), "recording-discarded", "ingest:twilio", null, $"call={call.Id} twilio={payload.RecordingSid} reason=recording not allowed on this call"), cancellationToken).ConfigureAwait(false);
            await calls.UpdateAsync(call.Id, c => With(c, payload.RecordingSid, r => r with { Status = "discarded", DeletedAtTwilio = true }), cancellationToken).ConfigureAwait(false);
            Discarded(log, call.Id);
            return "discarded";
        }

        if (entry.VaultId is null)
        {
            var chosen = RecordingId.New().Value;
            // A job queued when the call ended (its callback lost) knows no duration: Twilio's record has it.
            var seconds = payload.DurationSeconds ?? (await lazyTwilio.Value.GetRecordingAsync(payload.RecordingSid, cancellationToken).ConfigureAwait(false)).Duration;
            call = await calls.UpdateAsync(call.Id, c => With(c, payload.RecordingSid, r => r.VaultId is null ? r with { VaultId = chosen, Seconds = seconds, Status = "ingesting" } : r), cancellationToken).ConfigureAwait(false);
            entry = Entry(call, payload.RecordingSid);
            checkpoint.Reached("id-chosen");
        }

        var id = RecordingId.Parse(entry.VaultId!);
        if (entry.Status is "ingesting")
        {
            await StoreAsync(call, payload, id, cancellationToken).ConfigureAwait(false);
            checkpoint.Reached("stored");
            var verified = await vault.VerifyAsync(id, cancellationToken).ConfigureAwait(false);
            if (!verified.Ok)
            {
                // Never delete Twilio's copy on the strength of a bad one: shred ours and start again with a new id.
                await vault.DeleteAsync(id, "ingest", $"verification failed: {verified.Problem}", cancellationToken).ConfigureAwait(false);
                await calls.UpdateAsync(call.Id, c => With(c, payload.RecordingSid, r => r with { VaultId = null }), cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"Recording {payload.RecordingSid} did not verify after storing ({verified.Problem}); it will be fetched again.");
            }

            call = await calls.UpdateAsync(call.Id, c => With(c, payload.RecordingSid, r => r with { Status = "stored", Problem = null }), cancellationToken).ConfigureAwait(false);
            entry = Entry(call, payload.RecordingSid);
            checkpoint.Reached("verified");
        }

        if (!entry.DeletedAtTwilio)
        {
            await lazyTwilio.Value.DeleteRecordingAsync(payload.RecordingSid, cancellationToken).ConfigureAwait(false);
            call = await calls.UpdateAsync(call.Id, c => With(c, payload.RecordingSid, r => r with { DeletedAtTwilio = true }), cancellationToken).ConfigureAwait(false);
            entry = Entry(call, payload.RecordingSid);
            checkpoint.Reached("deleted-at-twilio");
        }

        if (!entry.WrittenToCrm)
        {
            var phoneCallId = call.PhoneCallId ?? throw new RetryLaterException("The phone call activity is not created yet.");
            // The player page, which signs the user in; the JSON stays at api/recordings/{id}.
            await crm.UpdatePhoneCallAsync(phoneCallId, CallFlow.Callback(call, $"recordings/{id}").AbsoluteUri, entry.Seconds ?? payload.DurationSeconds, call, cancellationToken).ConfigureAwait(false);
            checkpoint.Reached("during-crm-write-back");
            await calls.UpdateAsync(call.Id, c => With(c, payload.RecordingSid, r => r with { WrittenToCrm = true }), cancellationToken).ConfigureAwait(false);
            checkpoint.Reached("written-to-crm");
        }

        Ingested(log, call.Id);
        return "ingested";
    }

    private async Task StoreAsync(CallRecord call, RecordingIngestJob payload, RecordingId id, CancellationToken cancellationToken)
    {
        switch (await metadata.GetRecordingAsync(id, cancellationToken).ConfigureAwait(false))
        {
            case { IsDeleted: false }:
                return; // landed before a crash
            case { IsDeleted: true }:
                // Shredded after a failed verification, and the crash came before a new id was chosen: choose again.
                await calls.UpdateAsync(call.Id, c => With(c, payload.RecordingSid, r => r.VaultId == id.Value ? r with { VaultId = null } : r), cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"Recording {payload.RecordingSid}: the id chosen for it was shredded after a failed verification; a new one is chosen on the next attempt.");
        }

        await using var media = await lazyTwilio.Value.DownloadRecordingAsync(payload.RecordingSid, cancellationToken).ConfigureAwait(false);
        checkpoint.Reached("during-download");
        await vault.ImportAsync(
            checkpoint.Download(media.Content),
            new ImportRequest("ingest:twilio", call.CustomerId.ToString(), call.Id, vaultOptions.Value.RetentionClass, payload.RecordingSid, "ingest", id),
            cancellationToken).ConfigureAwait(false);
    }

    private static CallRecording Entry(CallRecord call, string recordingSid) =>
        call.Recordings.FirstOrDefault(r => r.RecordingSid == recordingSid) ?? new CallRecording(recordingSid, "ingesting");

    private static CallRecord With(CallRecord call, string recordingSid, Func<CallRecording, CallRecording> change)
    {
        var found = call.Recordings.Any(r => r.RecordingSid == recordingSid);
        var list = found ? call.Recordings : [.. call.Recordings, new CallRecording(recordingSid, "ingesting")];
        var changed = list.Select(r => r.RecordingSid == recordingSid ? change(r) : r).ToList();
        return changed.SequenceEqual(call.Recordings) ? call : call with { Recordings = changed };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: a recording the call was not allowed to keep was deleted at Twilio, not stored")]
    private static partial void Discarded(ILogger logger, string callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: recording stored in the vault, deleted at Twilio and linked in the CRM")]
    private static partial void Ingested(ILogger logger, string callId);
}
