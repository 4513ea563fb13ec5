namespace CrmRecording.Core.Decisions;

/// <summary>What may happen to a call's audio. Declared in ascending strictness, so values compare.</summary>
public enum RecordingOutcome
{
    /// <summary>Record from answer, without a disclosure.</summary>
    Record = 0,

    /// <summary>Play the disclosure, then record; staying on the line is consent where the law allows it.</summary>
    RecordAfterNotice = 1,

    /// <summary>Play the disclosure and ask; record only after an explicit yes, which is logged.</summary>
    RecordAfterConsent = 2,

    /// <summary>Do not record.</summary>
    DoNotRecord = 3,
}
