using CrmRecording.Service.Calls.State;
using CrmRecording.Telephony;

namespace CrmRecording.Service.Calls;

/// <summary>Starting, pausing (PCI) and resuming a call's recording at Twilio.</summary>
internal sealed partial class CallFlow
{
    /// <summary>The rep started recording after a verbal disclosure; allowed only when nothing on file or in this call forbids it.</summary>
    public async Task<ControlOutcome> StartManualAsync(string callId, Guid repUserId, string? attestation, CancellationToken cancellationToken)
    {
        var (call, refused) = await RepsCallAsync(callId, repUserId, "start its recording", cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(attestation) || attestation.Trim().Length < 10)
        {
            return new ControlOutcome.Refused(ControlRefusal.InvalidRequest, "attestation is required: say in your own words what the customer was told and how they agreed (at least 10 characters).");
        }

        var now = time.GetUtcNow();
        var text = attestation.Trim();
        CallTransition? started = null;
        // Checked and marked in one compare-and-swap: an answer arriving meanwhile is seen, never overtaken.
        call = await calls.UpdateAsync(
            callId,
            c =>
            {
                started = CallTransitions.ManualStart(c, new ManualStart(repUserId, now, text));
                return started.Or(c);
            },
            cancellationToken).ConfigureAwait(false);
        if (started is CallTransition.Refused no)
        {
            return new ControlOutcome.Refused(ControlRefusal.NotApplicable, no.Message);
        }

        // The rep's word is evidence for this call only: the answer stays null, so the contact's consent on file is not changed.
        call = await events.AddAsync(callId, new ConsentEvent("manual-start", now, null, "rep-attestation", text, "verbal", "rep", call.Language, call.Jurisdictions, call.Id), cancellationToken).ConfigureAwait(false);
        return await StartRecordingAsync(call, manual: true, cancellationToken).ConfigureAwait(false)
            ? await CurrentAsync(callId, cancellationToken).ConfigureAwait(false)
            : new ControlOutcome.Refused(ControlRefusal.TelephonyRefused, "Twilio did not start the recording; try again.");
    }

    public async Task<ControlOutcome> PauseAsync(string callId, Guid repUserId, CancellationToken cancellationToken)
    {
        var (call, refused) = await RepsCallAsync(callId, repUserId, "pause or resume its recording", cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        switch (CallTransitions.RecordingPaused(call!, repUserId, time.GetUtcNow(), Options.PauseBehavior))
        {
            case CallTransition.Refused { Reason: CallRefusal.AlreadyDone }:
                return new ControlOutcome.Done(call!);
            case CallTransition.Refused no:
                return new ControlOutcome.Refused(ControlRefusal.NotApplicable, no.Message);
        }

        var behavior = Options.PauseBehavior == "skip" ? PauseBehavior.Skip : PauseBehavior.Silence;
        try
        {
            await twilio.PauseRecordingAsync(call!.TwilioCallSid!, TwilioClient.CurrentRecording, behavior, cancellationToken).ConfigureAwait(false);
        }
        catch (TwilioException ex)
        {
            var refusedAt = time.GetUtcNow();
            var reason = $"Twilio refused (error {ex.Code})";
            await calls.UpdateAsync(callId, c => c with { PauseRefusals = [.. c.PauseRefusals, new PauseRefusal(refusedAt, repUserId, reason)] }, cancellationToken).ConfigureAwait(false);
            return new ControlOutcome.Refused(ControlRefusal.TelephonyRefused, $"Recording is NOT paused: {reason}. Do not take payment details until pausing succeeds.");
        }

        var now = time.GetUtcNow();
        return new ControlOutcome.Done(await calls.UpdateAsync(callId, c => CallTransitions.RecordingPaused(c, repUserId, now, Options.PauseBehavior).Or(c), cancellationToken).ConfigureAwait(false));
    }

    public async Task<ControlOutcome> ResumeAsync(string callId, Guid repUserId, CancellationToken cancellationToken)
    {
        var (call, refused) = await RepsCallAsync(callId, repUserId, "pause or resume its recording", cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (CallTransitions.RecordingResumed(call!, time.GetUtcNow()) is CallTransition.Refused no)
        {
            return new ControlOutcome.Refused(ControlRefusal.NotApplicable, no.Message);
        }

        try
        {
            await twilio.ResumeRecordingAsync(call!.TwilioCallSid!, TwilioClient.CurrentRecording, cancellationToken).ConfigureAwait(false);
        }
        catch (TwilioException ex)
        {
            return new ControlOutcome.Refused(ControlRefusal.TelephonyRefused, $"Recording is still paused: Twilio refused to resume (error {ex.Code}); try again.");
        }

        var now = time.GetUtcNow();
        return new ControlOutcome.Done(await calls.UpdateAsync(callId, c => CallTransitions.RecordingResumed(c, now).Or(c), cancellationToken).ConfigureAwait(false));
    }

    /// <returns>False when Twilio refused; the call goes on unrecorded and the failure is logged.</returns>
    private async Task<bool> StartRecordingAsync(CallRecord call, bool manual, CancellationToken cancellationToken)
    {
        if (CallTransitions.IsRecording(call))
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
            await calls.UpdateAsync(call.Id, c => CallTransitions.RecordingStarted(c, recording.Sid, manual, startedAt).Or(c), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TwilioException ex)
        {
            RecordingNotStarted(log, call.Id, ex.Code ?? 0);
            return false;
        }
    }

    /// <summary>After any answer but yes, nothing may go on recording (a start that raced the answer included).</summary>
    private async Task StopAnyRecordingAsync(string callId, ConsentAnswerKind answer, CancellationToken cancellationToken)
    {
        var call = await calls.UpdateAsync(callId, c => CallTransitions.ConsentAnswered(c, answer).Or(c), cancellationToken).ConfigureAwait(false);
        if (call.TwilioCallSid is not { } sid || !CallTransitions.IsRecording(call))
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

        await calls.UpdateAsync(callId, c => CallTransitions.RecordingStopped(c).Or(c), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: Twilio did not stop a recording after the customer's no (error {Code})")]
    private static partial void RecordingNotStopped(ILogger logger, string callId, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: Twilio did not start the recording (error {Code}); the call goes on unrecorded")]
    private static partial void RecordingNotStarted(ILogger logger, string callId, int code);
}
