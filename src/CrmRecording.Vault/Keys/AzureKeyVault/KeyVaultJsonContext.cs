using System.Text.Json.Serialization;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

[JsonSerializable(typeof(KeyOperationRequest))]
[JsonSerializable(typeof(KeyOperationResult))]
[JsonSerializable(typeof(KeyBundle))]
[JsonSerializable(typeof(KeyVaultErrorResponse))]
internal sealed partial class KeyVaultJsonContext : JsonSerializerContext;
