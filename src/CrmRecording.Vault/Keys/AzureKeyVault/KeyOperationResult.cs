using System.Text.Json.Serialization;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>The <c>KeyOperationResult</c> of <c>wrapkey</c>/<c>unwrapkey</c>: the key used and the base64url result.</summary>
internal sealed record KeyOperationResult(
    [property: JsonPropertyName("kid")] string? KeyId,
    [property: JsonPropertyName("value")] string? Value);
