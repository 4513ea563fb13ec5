using System.Text.Json.Serialization;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>The part of the <c>KeyBundle</c> returned by <c>GET /keys/{name}</c> that we read.</summary>
internal sealed record KeyBundle([property: JsonPropertyName("key")] JsonWebKeyId? Key);
