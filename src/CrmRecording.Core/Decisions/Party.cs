namespace CrmRecording.Core.Decisions;

/// <summary>Whose location brings a jurisdiction into the decision.</summary>
public enum Party
{
    Customer,
    Rep,

    /// <summary>The place where the recording is made and kept, when the policy names one.</summary>
    Recording,
}
