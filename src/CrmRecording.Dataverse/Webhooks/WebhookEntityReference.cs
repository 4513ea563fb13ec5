namespace CrmRecording.Dataverse.Webhooks;

/// <summary>A lookup value in a webhook body (<c>__type</c> <c>EntityReference:</c>): which row of which table.</summary>
public sealed record WebhookEntityReference(string LogicalName, Guid Id, string? Name);
