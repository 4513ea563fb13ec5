namespace CrmRecording.Telephony;

/// <summary>What a paused stretch becomes in the recording (Twilio's <c>PauseBehavior</c>).</summary>
public enum PauseBehavior
{
    /// <summary>The paused stretch is left out; the recording is shorter than the call.</summary>
    Skip,

    /// <summary>The paused stretch is replaced by silence, so the recording's timeline matches the call's.</summary>
    Silence,
}
