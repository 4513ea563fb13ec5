namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>Why a running leg must stop what it does: a hang-up, or new TwiML from a REST update (<c>Url</c> or <c>Twiml</c>).</summary>
internal sealed record LegInterruption(bool HangUp, string? Url, string Method, string? Twiml)
{
    public static LegInterruption HangUpNow { get; } = new(true, null, "POST", null);
}
