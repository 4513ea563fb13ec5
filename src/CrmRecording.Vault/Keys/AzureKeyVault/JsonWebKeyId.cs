using System.Text.Json.Serialization;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>The <c>kid</c> of a <c>JsonWebKey</c>; the public key material is deliberately not read.</summary>
internal sealed record JsonWebKeyId([property: JsonPropertyName("kid")] string? KeyId);
