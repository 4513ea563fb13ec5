namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>
/// A step registration (<c>sdkmessageprocessingstep</c>) for a webhook endpoint: message (<c>Create</c>,
/// <c>Update</c>, <c>Delete</c>) on a table (logical name), stage, mode, the columns an Update must touch to
/// trigger it (none: any), and entity images.
/// </summary>
public sealed record WebhookStep(
    string Message,
    string Table,
    StepStage Stage,
    StepMode Mode,
    IReadOnlyList<string>? FilteringAttributes = null,
    IReadOnlyList<WebhookStepImage>? Images = null,
    int Rank = 1,
    string? Name = null);
