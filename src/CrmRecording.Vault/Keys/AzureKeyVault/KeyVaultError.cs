using System.Text.Json.Serialization;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>The <c>Error</c> definition: a code, a message and an optional nested <c>innererror</c>.</summary>
internal sealed record KeyVaultError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("innererror")] KeyVaultError? InnerError);
