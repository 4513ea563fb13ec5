namespace CrmRecording.Dataverse.Webhooks;

/// <summary>A typed object this reader does not model (e.g. <c>AliasedValue</c>), kept as its JSON so nothing is lost.</summary>
/// <param name="TypeName">The <c>__type</c> name before the colon, or null when the object had none.</param>
/// <param name="Json">The object's JSON text.</param>
public sealed record WebhookUnrecognizedValue(string? TypeName, string Json);
