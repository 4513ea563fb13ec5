namespace CrmRecording.Telephony;

/// <summary>
/// The form of <c>POST /2010-04-01/Accounts/{AccountSid}/Calls.json</c>. <see cref="To"/> and either
/// <see cref="Url"/> (where Twilio fetches the call's TwiML) or <see cref="Twiml"/> (the TwiML itself) are
/// required; <see cref="From"/> defaults to <see cref="TwilioClientOptions.CallerId"/>.
/// </summary>
public sealed record CreateCallRequest
{
    public CreateCallRequest()
    {
    }

    public CreateCallRequest(string to, string? from, Uri? url)
    {
        To = to;
        From = from;
        Url = url;
    }

    /// <summary>The E.164 number (or client:/sip: address) to call.</summary>
    public string To { get; init; } = string.Empty;

    /// <summary>The caller id shown to the called party; an E.164 number on the account.</summary>
    public string? From { get; init; }

    public Uri? Url { get; init; }

    public string? Twiml { get; init; }

    /// <summary>GET or POST for <see cref="Url"/>; Twilio's default is POST.</summary>
    public string? Method { get; init; }

    public Uri? StatusCallback { get; init; }

    /// <summary>Which progress events reach <see cref="StatusCallback"/>: initiated, ringing, answered, completed (each sent as its own field).</summary>
    public IReadOnlyList<string> StatusCallbackEvent { get; init; } = [];

    public string? StatusCallbackMethod { get; init; }

    /// <summary>Seconds to let the phone ring before giving up (Twilio: 5 to 600, default 60).</summary>
    public int? Timeout { get; init; }

    /// <summary>Records the whole call from the start; the product records through TwiML or the Recordings API instead.</summary>
    public bool? Record { get; init; }

    /// <summary>mono or dual.</summary>
    public string? RecordingChannels { get; init; }

    public Uri? RecordingStatusCallback { get; init; }

    /// <summary>in-progress, completed, absent (each sent as its own field).</summary>
    public IReadOnlyList<string> RecordingStatusCallbackEvent { get; init; } = [];
}
