using System.Text.Json.Serialization;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>The <c>KeyVaultError</c> body: <c>{"error":{"code","message","innererror"}}</c>.</summary>
internal sealed record KeyVaultErrorResponse([property: JsonPropertyName("error")] KeyVaultError? Error);
