namespace CrmRecording.Core.Location;

/// <summary>How much a signal says about where the customer is. Ascending, so values compare.</summary>
public enum EvidenceStrength
{
    None = 0,
    Weak = 1,
    Medium = 2,
    Strong = 3,
}
