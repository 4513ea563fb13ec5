namespace CrmRecording.Emulators.Dataverse.Operations;

/// <summary>Who performs a write and where it sits in a chain of webhook-triggered writes.</summary>
internal sealed record OperationContext(Guid UserId, Guid CorrelationId, int Depth)
{
    /// <summary>The <c>$batch</c> change set the write belongs to: undone if a later request of it fails.</summary>
    public ChangeSet? ChangeSet { get; init; }
}
