namespace CrmRecording.Emulators.Twilio.TwiML;

/// <summary>One verb of a TwiML <c>&lt;Response&gt;</c> (https://www.twilio.com/docs/voice/twiml), as far as the stand-in plays it.</summary>
internal abstract record TwimlVerb;

/// <summary><c>&lt;Say language voice loop&gt;text&lt;/Say&gt;</c>.</summary>
internal sealed record SayVerb(string Text, string? Language) : TwimlVerb;

/// <summary><c>&lt;Play&gt;url&lt;/Play&gt;</c>; the audio is not fetched.</summary>
internal sealed record PlayVerb(string Url) : TwimlVerb;

/// <summary><c>&lt;Pause length&gt;</c> (default 1 second); it does not wait.</summary>
internal sealed record PauseVerb(int Length) : TwimlVerb;

/// <summary><c>&lt;Hangup/&gt;</c>.</summary>
internal sealed record HangupVerb : TwimlVerb;

/// <summary><c>&lt;Reject reason="rejected|busy"/&gt;</c>.</summary>
internal sealed record RejectVerb(string Reason) : TwimlVerb;

/// <summary><c>&lt;Redirect method&gt;url&lt;/Redirect&gt;</c>.</summary>
internal sealed record RedirectVerb(string Url, string Method) : TwimlVerb;

/// <summary>
/// <c>&lt;Gather input numDigits timeout action method actionOnEmptyResult&gt;</c> with nested <c>&lt;Say&gt;</c>,
/// <c>&lt;Play&gt;</c>, <c>&lt;Pause&gt;</c> prompts (https://www.twilio.com/docs/voice/twiml/gather). <c>input</c> defaults
/// to <c>dtmf</c>, <c>method</c> to POST, <c>action</c> to the URL of the current document.
/// </summary>
internal sealed record GatherVerb(
    bool AcceptsDtmf,
    bool AcceptsSpeech,
    int? NumDigits,
    int Timeout,
    string? Action,
    string Method,
    bool ActionOnEmptyResult,
    IReadOnlyList<TwimlVerb> Prompts) : TwimlVerb;

/// <summary>
/// <c>&lt;Dial callerId action method timeout record recordingStatusCallback recordingStatusCallbackMethod
/// recordingStatusCallbackEvent&gt;</c> (https://www.twilio.com/docs/voice/twiml/dial); the stand-in dials the first
/// <see cref="Targets"/> entry.
/// </summary>
internal sealed record DialVerb(
    string? CallerId,
    string? Action,
    string Method,
    int Timeout,
    string Record,
    string? RecordingStatusCallback,
    string? RecordingStatusCallbackMethod,
    string? RecordingStatusCallbackEvent,
    IReadOnlyList<DialTarget> Targets) : TwimlVerb
{
    public bool Records => Record == "true" || Record.StartsWith("record-from-", StringComparison.Ordinal);

    public int RecordingChannels => Record.EndsWith("-dual", StringComparison.Ordinal) ? 2 : 1;
}

/// <summary>
/// A <c>&lt;Number url method statusCallback statusCallbackMethod statusCallbackEvent&gt;</c> or <c>&lt;Client&gt;</c> of a Dial
/// (https://www.twilio.com/docs/voice/twiml/number): the <c>url</c> TwiML runs on the called party's leg once it answers,
/// before the parties are connected.
/// </summary>
internal sealed record DialTarget(string To, string? Url, string Method, string? StatusCallback, string? StatusCallbackMethod, string? StatusCallbackEvent);

/// <summary><c>&lt;Start&gt;&lt;Recording recordingStatusCallback recordingStatusCallbackEvent channels track/&gt;&lt;/Start&gt;</c>.</summary>
internal sealed record StartRecordingVerb(string? StatusCallback, string? StatusCallbackMethod, string? StatusCallbackEvent, int Channels, string Track) : TwimlVerb;

/// <summary>A verb the stand-in does not play; it is skipped, as the transcript shows.</summary>
internal sealed record UnsupportedVerb(string Name) : TwimlVerb;
