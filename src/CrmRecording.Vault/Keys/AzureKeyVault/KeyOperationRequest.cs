using System.Text.Json.Serialization;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>The <c>KeyOperationsParameters</c> body of <c>wrapkey</c>/<c>unwrapkey</c>: algorithm and base64url value.</summary>
internal sealed record KeyOperationRequest(
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("value")] string Value);
