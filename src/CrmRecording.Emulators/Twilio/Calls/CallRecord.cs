namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>A snapshot of one call leg: a call created over REST, or a child leg a <c>&lt;Dial&gt;</c> placed (with its <see cref="ParentCallSid"/>).</summary>
public sealed record CallRecord(
    string Sid,
    string? ParentCallSid,
    string To,
    string From,
    string Direction,
    CallStatus Status,
    DateTimeOffset DateCreated,
    DateTimeOffset DateUpdated,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    bool Bridged,
    IReadOnlyList<TranscriptEntry> Transcript,
    IReadOnlyList<GatherInput> GatherInputs,
    IReadOnlyList<string> RecordingSids,
    IReadOnlyList<string> ChildCallSids)
{
    /// <summary>The texts of every <c>&lt;Say&gt;</c> the leg heard, in order.</summary>
    public IReadOnlyList<string> SaidTexts => Transcript.Where(t => t.Verb == "Say").Select(t => t.Text).ToArray();
}
