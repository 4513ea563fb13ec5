using CrmRecording.Vault.Keys.AzureKeyVault;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

public sealed class KeyVaultKeyIdTests
{
    private static readonly Uri Vault = new("https://myvault.vault.azure.net/");

    [Fact]
    public void TryParse_DocumentedKid_ReadsNameAndVersionAndRoundTrips()
    {
        const string kid = "https://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6";

        Assert.True(KeyVaultKeyId.TryParse(kid, Vault, out var id));

        Assert.Equal(("sdktestkey", "0698c2156c1a4e1da5b6bab6f6422fd6"), (id.Name, id.Version));
        Assert.Equal(kid, id.ToString());
        Assert.Equal($"{kid}/unwrapkey?api-version=7.4", id.Operation("unwrapkey", "7.4").AbsoluteUri);
    }

    [Fact]
    public void TryParse_HostInAnotherCase_IsTheSameVault() =>
        Assert.True(KeyVaultKeyId.TryParse("https://MyVault.Vault.Azure.Net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6", Vault, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://myvault.vault.azure.net:8443/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6")]
    [InlineData("https://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6/wrapkey")]
    [InlineData("https://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6?api-version=7.4")]
    [InlineData("https://myvault.vault.azure.net/keys/sdk%2Ftestkey/0698c2156c1a4e1da5b6bab6f6422fd6")]
    public void TryParse_NotExactlyAVersionedKeyOfThisVault_Fails(string? kid) =>
        Assert.False(KeyVaultKeyId.TryParse(kid, Vault, out _));
}
