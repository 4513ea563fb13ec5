namespace CrmRecording.Dataverse.Webhooks;

/// <summary>
/// The execution context Dataverse posts to a webhook step (this project's own model of the JSON
/// documented on "Use WebHooks to create external handlers for server events"). Collections that arrive
/// as <c>[{"key":...,"value":...}]</c> arrays are dictionaries here, values typed as described on
/// <see cref="RemoteExecutionContextReader"/>.
/// </summary>
public sealed record RemoteExecutionContext
{
    /// <summary>The event, e.g. <c>Create</c> or <c>Update</c>. Empty only when <see cref="Truncated"/> and the platform dropped it.</summary>
    public required string MessageName { get; init; }

    public required string PrimaryEntityName { get; init; }

    public required Guid PrimaryEntityId { get; init; }

    /// <summary>10 PreValidation, 20 PreOperation, 30 main operation (seen in parent contexts), 40 PostOperation.</summary>
    public int Stage { get; init; }

    /// <summary>0 synchronous, 1 asynchronous.</summary>
    public int Mode { get; init; }

    /// <summary>1 for a user's own operation; deeper when a plug-in or step caused it (the loop guard reads this).</summary>
    public int Depth { get; init; }

    public Guid UserId { get; init; }

    public Guid InitiatingUserId { get; init; }

    /// <summary>The initiating user's Entra object id; absent from older payloads.</summary>
    public Guid? InitiatingUserAzureActiveDirectoryObjectId { get; init; }

    public Guid CorrelationId { get; init; }

    public Guid OperationId { get; init; }

    public Guid OrganizationId { get; init; }

    public string? OrganizationName { get; init; }

    public Guid? BusinessUnitId { get; init; }

    public Guid? RequestId { get; init; }

    public DateTimeOffset? OperationCreatedOn { get; init; }

    public string? SecondaryEntityName { get; init; }

    /// <summary>The step registration that sent this (<c>sdkmessageprocessingstep</c>).</summary>
    public WebhookEntityReference? OwningExtension { get; init; }

    public IReadOnlyDictionary<string, object?> InputParameters { get; init; } = Empty;

    public IReadOnlyDictionary<string, object?> OutputParameters { get; init; } = Empty;

    public IReadOnlyDictionary<string, WebhookEntity> PreEntityImages { get; init; } = NoImages;

    public IReadOnlyDictionary<string, WebhookEntity> PostEntityImages { get; init; } = NoImages;

    public IReadOnlyDictionary<string, object?> SharedVariables { get; init; } = Empty;

    public RemoteExecutionContext? ParentContext { get; init; }

    /// <summary>
    /// The payload exceeded 256 KB (header <c>x-ms-dynamics-msg-size-exceeded</c>): Dataverse removed the input
    /// parameters, images and parent context, so the handler must re-read the row by <see cref="PrimaryEntityId"/>.
    /// </summary>
    public bool Truncated { get; init; }

    /// <summary>The <c>Target</c> input parameter when it is a row (Create, Update); null otherwise.</summary>
    public WebhookEntity? TargetEntity => InputParameters.TryGetValue("Target", out var target) ? target as WebhookEntity : null;

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    private static readonly IReadOnlyDictionary<string, WebhookEntity> NoImages = new Dictionary<string, WebhookEntity>();
}
