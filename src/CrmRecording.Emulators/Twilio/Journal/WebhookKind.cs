namespace CrmRecording.Emulators.Twilio.Journal;

/// <summary>Why the stand-in called the application.</summary>
public enum WebhookKind
{
    /// <summary>The call's <c>Url</c>, a <c>&lt;Number url&gt;</c>, a <c>&lt;Redirect&gt;</c>: TwiML is expected back.</summary>
    Voice,

    /// <summary>A <c>&lt;Gather&gt;</c> or <c>&lt;Dial&gt;</c> <c>action</c>: TwiML is expected back.</summary>
    Action,

    /// <summary>A call progress event (<c>StatusCallback</c>).</summary>
    CallStatus,

    /// <summary>A recording status event (<c>RecordingStatusCallback</c>).</summary>
    RecordingStatus,
}
