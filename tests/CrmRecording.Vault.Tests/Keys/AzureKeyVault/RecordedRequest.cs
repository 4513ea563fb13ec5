namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>What the wrapper put on the wire, captured before the stub answers.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    string? Authorization,
    string? ContentType,
    string Accept,
    string? ClientRequestId,
    string? Body);
