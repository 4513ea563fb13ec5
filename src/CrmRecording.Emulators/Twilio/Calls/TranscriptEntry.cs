namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>What a leg heard: the text of a <c>&lt;Say&gt;</c> (with its <c>language</c>), the URL of a <c>&lt;Play&gt;</c>, or a <c>&lt;Pause&gt;</c>.</summary>
public sealed record TranscriptEntry(string Verb, string Text, string? Language);
