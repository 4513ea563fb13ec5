namespace CrmRecording.Core.Decisions;

/// <summary>The customer's recorded answer to "may we record our calls?".</summary>
public enum ConsentState
{
    Unknown,
    Granted,
    Declined,
    Revoked,
}
