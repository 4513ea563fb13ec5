namespace CrmRecording.Dataverse.Webhooks;

/// <summary>A choice value in a webhook body (<c>__type</c> <c>OptionSetValue:</c>); a multi-select choice is a list of these.</summary>
public readonly record struct WebhookOptionSetValue(int Value);
