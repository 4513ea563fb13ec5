using CrmRecording.Service.Calls.State;
using CrmRecording.Telephony;

namespace CrmRecording.Service.Calls;

/// <summary>The rep hangs up from the dialer.</summary>
internal sealed partial class CallFlow
{
    /// <summary>
    /// Ends the rep's leg at Twilio (which ends the customer's leg it dialled); Twilio's status callback then marks
    /// the call ended and queues its recordings, exactly as when a party hangs up. Hanging up an ended call is a no-op.
    /// </summary>
    public async Task<ControlOutcome> HangUpAsync(string callId, Guid repUserId, CancellationToken cancellationToken)
    {
        var (call, refused) = await RepsCallAsync(callId, repUserId, "hang it up", cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (call!.IsEnded)
        {
            return new ControlOutcome.Done(call);
        }

        if (call.TwilioCallSid is not { } sid)
        {
            return new ControlOutcome.Refused(ControlRefusal.NotApplicable, "The call has not reached Twilio yet; try again in a moment.");
        }

        try
        {
            // A leg still ringing is cancelled, a connected one completed.
            await twilio.UpdateCallAsync(sid, call.Status == CallStatus.InProgress ? UpdateCallRequest.Complete() : UpdateCallRequest.Cancel(), cancellationToken).ConfigureAwait(false);
        }
        catch (TwilioException ex)
        {
            return new ControlOutcome.Refused(ControlRefusal.TelephonyRefused, $"Twilio did not hang up (error {ex.Code}); try again.");
        }

        return await CurrentAsync(callId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The call, if it exists and the rep placed it; else why not.</summary>
    private async Task<(CallRecord? Call, ControlOutcome.Refused? Refused)> RepsCallAsync(string callId, Guid repUserId, string action, CancellationToken cancellationToken)
    {
        if (await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false) is not { } call)
        {
            return (null, new ControlOutcome.Refused(ControlRefusal.NoSuchCall, $"No call {callId}."));
        }

        return call.RepUserId == repUserId
            ? (call, null)
            : (null, new ControlOutcome.Refused(ControlRefusal.NotYourCall, $"Only the rep who placed the call can {action}."));
    }

    /// <summary>The call as stored now (a webhook may have moved it on meanwhile).</summary>
    private async Task<ControlOutcome> CurrentAsync(string callId, CancellationToken cancellationToken) =>
        await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false) is { } call
            ? new ControlOutcome.Done(call)
            : new ControlOutcome.Refused(ControlRefusal.NoSuchCall, $"No call {callId}.");
}
