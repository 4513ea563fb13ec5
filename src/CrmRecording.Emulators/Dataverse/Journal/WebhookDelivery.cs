namespace CrmRecording.Emulators.Dataverse.Journal;

/// <summary>
/// One execution of a registered webhook step: the request Dataverse would send (URL with its auth query,
/// headers, serialized <c>RemoteExecutionContext</c>) and each attempt's outcome.
/// </summary>
public sealed record WebhookDelivery(
    Guid StepId,
    string MessageName,
    string EntityName,
    Guid PrimaryEntityId,
    int Stage,
    int Mode,
    int Depth,
    Guid CorrelationId,
    Uri Url,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    IReadOnlyList<WebhookAttempt> Attempts)
{
    public bool Succeeded => Attempts.Count > 0 && Attempts[^1].Succeeded;

    /// <summary>Why the step was not called at all (the depth guard), if it was not.</summary>
    public string? SkippedBecause { get; init; }
}
