namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>
/// A webhook service endpoint (<c>serviceendpoint</c>, contract 8). <see cref="AuthValue"/> is the key for
/// <see cref="WebhookAuthType.WebhookKey"/>; for the other two it holds the pairs, either as the Plug-in
/// Registration tool stores them (<c>&lt;settings&gt;&lt;setting name="k" value="v" /&gt;&lt;/settings&gt;</c>)
/// or one <c>k: v</c> per line.
/// </summary>
public sealed record WebhookEndpoint(string Name, Uri Url, WebhookAuthType AuthType, string AuthValue);
