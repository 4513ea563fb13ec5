namespace CrmRecording.Dataverse.Webhooks;

/// <summary>A currency amount in a webhook body (<c>__type</c> <c>Money:</c>).</summary>
public readonly record struct WebhookMoney(decimal Value);
