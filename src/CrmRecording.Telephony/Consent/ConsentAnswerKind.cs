namespace CrmRecording.Telephony;

/// <summary>What the customer answered to the consent question.</summary>
public enum ConsentAnswerKind
{
    Granted,
    Declined,

    /// <summary>Neither a key nor speech arrived before the gather timed out.</summary>
    NoAnswer,

    /// <summary>Something arrived that is neither a clear yes nor a clear no; it never counts as consent.</summary>
    Unrecognized,
}
