using CrmRecording.Telephony;

namespace CrmRecording.Service.Calls;

/// <summary>Starting, pausing (PCI) and resuming a call's recording at Twilio.</summary>
internal sealed partial class CallFlow
{
    /// <summary>Why a recording control request was refused (HTTP status and the reason for the rep), or null when done.</summary>
    public sealed record ControlResult(int Status, string? Problem, CallRecord? Call);

    /// <summary>The rep started recording after a verbal disclosure; allowed only when nothing on file or in this call forbids it.</summary>
    public async Task<ControlResult> StartManualAsync(string callId, Guid repUserId, string? attestation, CancellationToken cancellationToken)
    {
        if (await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false) is not { } call)
        {
            return new ControlResult(404, $"No call {callId}.", null);
        }

        if (call.RepUserId != repUserId)
        {
            return new ControlResult(403, "Only the rep who placed the call can start its recording.", null);
        }

        if (string.IsNullOrWhiteSpace(attestation) || attestation.Trim().Length < 10)
        {
            return new ControlResult(400, "attestation is required: say in your own words what the customer was told and how they agreed (at least 10 characters).", null);
        }

        if (call.EndedAt is not null || call.TwilioCallSid is null)
        {
            return new ControlResult(409, "The call is not in progress.", null);
        }

        if (call.Recordings.Any(r => r.Status is "in-progress" or "paused"))
        {
            return new ControlResult(409, "The call is already being recorded.", null);
        }

        var now = time.GetUtcNow();
        var text = attestation.Trim();
        string? refused = null;
        // Checked and marked in one compare-and-swap: an answer arriving meanwhile is seen, never overtaken.
        call = await calls.UpdateAsync(
            callId,
            c =>
            {
                refused = ManualStartForbidden(c);
                return refused is null ? c with { RecordingAllowed = true, ManualStart = c.ManualStart ?? new ManualStart(repUserId, now, text) } : c;
            },
            cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return new ControlResult(409, refused, null);
        }

        // The rep's word is evidence for this call only: the answer stays null, so the contact's consent on file is not changed.
        call = await events.AddAsync(callId, new ConsentEvent("manual-start", now, null, "rep-attestation", text, "verbal", "rep", call.Language, call.Jurisdictions, call.Id), cancellationToken).ConfigureAwait(false);
        return await StartRecordingAsync(call, manual: true, cancellationToken).ConfigureAwait(false)
            ? new ControlResult(200, null, await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false))
            : new ControlResult(502, "Twilio did not start the recording; try again.", null);
    }

    public async Task<ControlResult> PauseAsync(string callId, Guid repUserId, CancellationToken cancellationToken)
    {
        var (call, refused) = await ActiveRecordingAsync(callId, repUserId, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (call!.PausedSpans.Any(p => p.ResumedAt is null))
        {
            return new ControlResult(200, null, call);
        }

        var behavior = Options.PauseBehavior == "skip" ? PauseBehavior.Skip : PauseBehavior.Silence;
        try
        {
            await twilio.PauseRecordingAsync(call.TwilioCallSid!, TwilioClient.CurrentRecording, behavior, cancellationToken).ConfigureAwait(false);
        }
        catch (TwilioException ex)
        {
            return new ControlResult(502, $"Recording is NOT paused: Twilio refused (error {ex.Code}). Do not take payment details until pausing succeeds.", null);
        }

        var now = time.GetUtcNow();
        call = await calls.UpdateAsync(
            callId,
            c => c.PausedSpans.Any(p => p.ResumedAt is null) ? c : c with
            {
                PausedSpans = [.. c.PausedSpans, new PausedSpan(now, null, repUserId, Options.PauseBehavior)],
                Recordings = [.. c.Recordings.Select(r => r.Status == "in-progress" ? r with { Status = "paused" } : r)],
            },
            cancellationToken).ConfigureAwait(false);
        return new ControlResult(200, null, call);
    }

    public async Task<ControlResult> ResumeAsync(string callId, Guid repUserId, CancellationToken cancellationToken)
    {
        var (call, refused) = await ActiveRecordingAsync(callId, repUserId, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (!call!.PausedSpans.Any(p => p.ResumedAt is null))
        {
            return new ControlResult(409, "The recording is not paused.", null);
        }

        try
        {
            await twilio.ResumeRecordingAsync(call.TwilioCallSid!, TwilioClient.CurrentRecording, cancellationToken).ConfigureAwait(false);
        }
        catch (TwilioException ex)
        {
            return new ControlResult(502, $"Recording is still paused: Twilio refused to resume (error {ex.Code}); try again.", null);
        }

        var now = time.GetUtcNow();
        call = await calls.UpdateAsync(
            callId,
            c => c with
            {
                PausedSpans = [.. c.PausedSpans.Select(p => p.ResumedAt is null ? p with { ResumedAt = now } : p)],
                Recordings = [.. c.Recordings.Select(r => r.Status == "paused" ? r with { Status = "in-progress" } : r)],
            },
            cancellationToken).ConfigureAwait(false);
        return new ControlResult(200, null, call);
    }

    /// <returns>False when Twilio refused; the call goes on unrecorded and the failure is logged.</returns>
    private async Task<bool> StartRecordingAsync(CallRecord call, bool manual, CancellationToken cancellationToken)
    {
        if (call.Recordings.Any(r => r.Status is "in-progress" or "paused"))
        {
            return true;
        }

        try
        {
            var recording = await twilio.StartRecordingAsync(
                call.TwilioCallSid ?? throw new InvalidOperationException("The call has no Twilio call sid yet."),
                new StartRecordingRequest
                {
                    RecordingChannels = "dual",
                    RecordingTrack = "both",
                    RecordingStatusCallback = RecordingCallback(call),
                    RecordingStatusCallbackEvent = ["in-progress", "completed", "absent"],
                },
                cancellationToken).ConfigureAwait(false);
            // Twilio's in-progress callback may have added the entry already; the manual mark must survive that race.
            var startedAt = recording.StartTime ?? time.GetUtcNow();
            await calls.UpdateAsync(
                call.Id,
                c => c.Recordings.Any(r => r.RecordingSid == recording.Sid)
                    ? c with { Recordings = [.. c.Recordings.Select(r => r.RecordingSid == recording.Sid ? r with { Manual = r.Manual || manual, StartedAt = r.StartedAt ?? startedAt } : r)] }
                    : c with { Recordings = [.. c.Recordings, new CallRecording(recording.Sid, "in-progress", Manual: manual, StartedAt: startedAt)] },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TwilioException ex)
        {
            RecordingNotStarted(log, call.Id, ex.Code ?? 0);
            return false;
        }
    }

    private async Task<(CallRecord? Call, ControlResult? Refused)> ActiveRecordingAsync(string callId, Guid repUserId, CancellationToken cancellationToken)
    {
        if (await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false) is not { } call)
        {
            return (null, new ControlResult(404, $"No call {callId}.", null));
        }

        if (call.RepUserId != repUserId)
        {
            return (null, new ControlResult(403, "Only the rep who placed the call can pause or resume its recording.", null));
        }

        return call.EndedAt is null && call.Recordings.Any(r => r.Status is "in-progress" or "paused")
            ? (call, null)
            : (null, new ControlResult(409, "The call is not being recorded.", null));
    }

    /// <summary>
    /// A rep may not override the customer's own no, the contact's do-not-record flag or the law's do-not-record,
    /// nor start before the customer has heard (and, for consent, answered) the disclosure.
    /// </summary>
    private static string? ManualStartForbidden(CallRecord call)
    {
        if (call.Decision == "do-not-record")
        {
            return "This call must not be recorded (" + string.Join(" ", call.Reasons.Take(2)) + ").";
        }

        if (call.ConsentEvents.Any(e => e.Kind == "consent-declined"))
        {
            return "The customer declined recording on this call; it can't be started by hand.";
        }

        return call.Decision switch
        {
            "record-after-consent" when !call.ConsentEvents.Any(e => e.Kind is "consent-timeout" or "consent-unrecognized") =>
                "The customer has not been asked yet (or answered yes and recording is under way): wait for the consent question to finish.",
            "record-after-notice" when !call.ConsentEvents.Any(e => e.Kind == "disclosure-played") =>
                "The customer has not heard the recording notice yet.",
            _ => null,
        };
    }

    /// <summary>After any answer but yes, nothing may go on recording (a start that raced the answer included).</summary>
    private async Task StopAnyRecordingAsync(string callId, CancellationToken cancellationToken)
    {
        var call = await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false);
        if (call?.TwilioCallSid is not { } sid || !call.Recordings.Any(r => r.Status is "in-progress" or "paused"))
        {
            return;
        }

        try
        {
            await twilio.StopRecordingAsync(sid, TwilioClient.CurrentRecording, cancellationToken).ConfigureAwait(false);
        }
        catch (TwilioException ex)
        {
            RecordingNotStopped(log, callId, ex.Code ?? 0);
            throw;
        }

        await calls.UpdateAsync(callId, c => c with { RecordingAllowed = false, Recordings = [.. c.Recordings.Select(r => r.Status is "in-progress" or "paused" ? r with { Status = "stopped" } : r)] }, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: Twilio did not stop a recording after the customer's no (error {Code})")]
    private static partial void RecordingNotStopped(ILogger logger, string callId, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: Twilio did not start the recording (error {Code}); the call goes on unrecorded")]
    private static partial void RecordingNotStarted(ILogger logger, string callId, int code);
}
