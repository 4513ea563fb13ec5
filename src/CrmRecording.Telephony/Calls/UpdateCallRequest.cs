namespace CrmRecording.Telephony;

/// <summary>
/// The form of <c>POST .../Calls/{CallSid}.json</c>: redirect a live call to new TwiML (<see cref="Url"/> or
/// <see cref="Twiml"/>), or end it (<see cref="Status"/> <c>completed</c> for a connected call, <c>canceled</c>
/// for one still queued or ringing).
/// </summary>
public sealed record UpdateCallRequest
{
    public Uri? Url { get; init; }

    public string? Method { get; init; }

    public string? Twiml { get; init; }

    public string? Status { get; init; }

    /// <summary>Ends the call: <c>completed</c> hangs up a connected call.</summary>
    public static UpdateCallRequest Complete() => new() { Status = "completed" };

    /// <summary>Ends a call that is still queued or ringing.</summary>
    public static UpdateCallRequest Cancel() => new() { Status = "canceled" };
}
