namespace CrmRecording.Emulators.Twilio.Recordings;

/// <summary>
/// What a paused span becomes (https://www.twilio.com/docs/voice/api/recording#update-a-recording-resource):
/// <c>skip</c> leaves it out of the recording, <c>silence</c> (Twilio's default) replaces its audio with silence.
/// </summary>
public enum PauseBehavior
{
    Silence,
    Skip,
}
