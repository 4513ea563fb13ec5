using System.Net;
using System.Net.Http.Headers;
using CrmRecording.Vault.Keys.AzureKeyVault;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

public sealed class BearerChallengeTests
{
    private static readonly Uri Vault = new("https://myvault.vault.azure.net/");

    [Fact]
    public void From_DocumentedChallenge_ReadsTenantAndVaultScope()
    {
        using var response = KeyVaultResponses.Challenge();

        var challenge = BearerChallenge.From(response.Headers);

        Assert.NotNull(challenge);
        Assert.Equal(KeyVaultResponses.ChallengeTenant, challenge.TenantId);
        Assert.Equal("https://vault.azure.net/.default", challenge.ScopeFor(Vault));
    }

    [Theory]
    [InlineData("https://attacker.example")]
    [InlineData("https://azure.net.attacker.example")]
    [InlineData("http://vault.azure.net")]
    [InlineData("https://management.azure.com")]
    public void ScopeFor_ResourceTheVaultDoesNotBelongTo_IsNull(string resource)
    {
        using var response = KeyVaultResponses.Challenge(resource);

        Assert.Null(BearerChallenge.From(response.Headers)!.ScopeFor(Vault));
    }

    [Fact]
    public void From_NoBearerChallenge_IsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Basic", "realm=\"x\""));

        Assert.Null(BearerChallenge.From(response.Headers));
    }
}
