namespace CrmRecording.Plugins;

/// <summary>What a step did. A rejection cancels a synchronous operation and shows its message to the user.</summary>
public abstract record StepOutcome
{
    private StepOutcome()
    {
    }

    public sealed record Done(string Summary) : StepOutcome;

    public sealed record Rejected(string UserMessage) : StepOutcome;

    public sealed record Skipped(string Reason) : StepOutcome;
}
