namespace CrmRecording.Core.Decisions;

/// <summary>Wire names of <see cref="RecordingOutcome"/>: <c>record</c>, <c>record-after-notice</c>, <c>record-after-consent</c>, <c>do-not-record</c>.</summary>
public static class RecordingOutcomeNames
{
    public static string ToWireName(this RecordingOutcome outcome) => outcome switch
    {
        RecordingOutcome.Record => "record",
        RecordingOutcome.RecordAfterNotice => "record-after-notice",
        RecordingOutcome.RecordAfterConsent => "record-after-consent",
        RecordingOutcome.DoNotRecord => "do-not-record",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>A plain sentence for a rep: what will happen on the call.</summary>
    public static string ToPlainWords(this RecordingOutcome outcome) => outcome switch
    {
        RecordingOutcome.Record => "The call will be recorded from the start, without an announcement.",
        RecordingOutcome.RecordAfterNotice => "The customer will hear that the call is recorded, then recording starts.",
        RecordingOutcome.RecordAfterConsent => "The customer will be asked to agree; the call is recorded only after a clear yes.",
        RecordingOutcome.DoNotRecord => "The call will not be recorded.",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
