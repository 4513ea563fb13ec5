using CrmRecording.Telephony;

namespace CrmRecording.Service.Calls;

/// <summary>The rep hangs up from the dialer.</summary>
internal sealed partial class CallFlow
{
    /// <summary>
    /// Ends the rep's leg at Twilio (which ends the customer's leg it dialled); Twilio's status callback then marks
    /// the call ended and queues its recordings, exactly as when a party hangs up. Hanging up an ended call is a no-op.
    /// </summary>
    public async Task<ControlResult> HangUpAsync(string callId, Guid repUserId, CancellationToken cancellationToken)
    {
        if (await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false) is not { } call)
        {
            return new ControlResult(404, $"No call {callId}.", null);
        }

        if (call.RepUserId != repUserId)
        {
            return new ControlResult(403, "Only the rep who placed the call can hang it up.", null);
        }

        if (call.EndedAt is not null)
        {
            return new ControlResult(200, null, call);
        }

        if (call.TwilioCallSid is not { } sid)
        {
            return new ControlResult(409, "The call has not reached Twilio yet; try again in a moment.", null);
        }

        try
        {
            // A leg still ringing is cancelled, a connected one completed.
            await twilio.UpdateCallAsync(sid, call.Status == "in-progress" ? UpdateCallRequest.Complete() : UpdateCallRequest.Cancel(), cancellationToken).ConfigureAwait(false);
        }
        catch (TwilioException ex)
        {
            return new ControlResult(502, $"Twilio did not hang up (error {ex.Code}); try again.", null);
        }

        return new ControlResult(200, null, await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false));
    }
}
