namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>What the party gave one <c>&lt;Gather&gt;</c>: digits, a speech result, nothing (all null), or a hang-up.</summary>
public sealed record GatherInput(string? Digits, string? SpeechResult, double? Confidence, bool HungUp)
{
    public bool IsEmpty => Digits is null && SpeechResult is null;
}
