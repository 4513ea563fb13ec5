namespace CrmRecording.Emulators.Twilio.Recordings;

/// <summary>One pause of a recording, in the stand-in's clock; <see cref="End"/> is null while it lasts.</summary>
public sealed record RecordingPause(DateTimeOffset Start, DateTimeOffset? End, PauseBehavior Behavior);
