using System.Buffers.Text;
using CrmRecording.Vault.Keys.AzureKeyVault;
using static CrmRecording.Vault.Tests.Keys.AzureKeyVault.KeyVaultFixtures;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>The rig: a wrapper over the fake transport and a fake credential; retries wait milliseconds.</summary>
public sealed partial class AzureKeyVaultKeyWrapperTests : IDisposable
{
    private const string SdkTestKeyId = "https://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6";

    private readonly List<IDisposable> _disposables = [];

    public void Dispose() => _disposables.ForEach(d => d.Dispose());

    private FakeTokenCredential Credential { get; set; } = null!;

    private static AzureKeyVaultKeyWrapperOptions Options(string keyName = "sdktestkey", string? keyVersion = "0698c2156c1a4e1da5b6bab6f6422fd6") =>
        new() { VaultUri = new Uri(MyVault), KeyName = keyName, KeyVersion = keyVersion, ApiVersion = "7.4", RetryDelay = TimeSpan.FromMilliseconds(5) };

    private AzureKeyVaultKeyWrapper Create(FakeKeyVaultTransport transport, AzureKeyVaultKeyWrapperOptions options, FakeTokenCredential? credential = null)
    {
        Credential = credential ?? new FakeTokenCredential();
        return new AzureKeyVaultKeyWrapper(transport, Credential, options);
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    private static HttpResponseMessage Ok(string kid, byte[] value) =>
        KeyVaultResponses.Ok($$"""{"kid":"{{kid}}","value":"{{Base64Url.EncodeToString(value)}}"}""");
}
