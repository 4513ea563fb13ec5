namespace CrmRecording.Emulators.Twilio.Media;

/// <summary>A stretch of a recording, measured from its first sample, written as digital silence (a pause with <c>PauseBehavior=silence</c>).</summary>
public readonly record struct SilentSpan(TimeSpan Start, TimeSpan Length);
