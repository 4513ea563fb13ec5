using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Keys.AzureKeyVault;
using static CrmRecording.Vault.Tests.Keys.AzureKeyVault.KeyVaultFixtures;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>Every failure is a KeyUnavailableException saying what happened, what Key Vault said, and what to do.</summary>
public sealed partial class AzureKeyVaultKeyWrapperTests
{
    [Fact]
    public async Task KeyNotFound404_ThrowsKeyUnavailableNamingTheKeyAndTheRecovery()
    {
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Error(HttpStatusCode.NotFound, KeyNotFound));
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(dataKey));

        Assert.Equal(SdkTestKeyId, ex.KeyId);
        Assert.Contains("404", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KeyNotFound", ex.Message, StringComparison.Ordinal);
        Assert.Contains("key 'sdktestkey'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("recovered", ex.Message, StringComparison.Ordinal);
        Assert.Contains(KeyVaultResponses.RequestId, ex.Message, StringComparison.Ordinal);
        var failure = Assert.IsType<KeyVaultRequestFailedException>(ex.InnerException);
        Assert.Equal((404, "KeyNotFound", KeyVaultResponses.RequestId), (failure.Status, failure.ErrorCode, failure.RequestId));
        AssertNoSecrets(ex, dataKey);
    }

    [Fact]
    public async Task KeyNotFound404_WhileResolvingTheCurrentVersion_NamesTheKey()
    {
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Error(HttpStatusCode.NotFound, KeyNotFound));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(
            () => Create(handler, Options(keyVersion: null)).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Equal("https://myvault.vault.azure.net/keys/sdktestkey", ex.KeyId);
        Assert.Contains("key 'sdktestkey'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpMethod.Get, Assert.Single(handler.Requests).Method);
    }

    [Fact]
    public async Task Forbidden403_ByRbac_TellsWhichRoleToGrant()
    {
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Error(HttpStatusCode.Forbidden, ForbiddenByRbac));
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(dataKey));

        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Forbidden/ForbiddenByRbac", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"Key Vault Crypto User\" role", ex.Message, StringComparison.Ordinal);
        Assert.Contains("wrapKey", ex.Message, StringComparison.Ordinal);
        var failure = Assert.IsType<KeyVaultRequestFailedException>(ex.InnerException);
        Assert.Equal((403, "Forbidden", "ForbiddenByRbac"), (failure.Status, failure.ErrorCode, failure.InnerErrorCode));
        AssertNoSecrets(ex, dataKey);
    }

    [Fact]
    public async Task Forbidden403_ByFirewall_PointsAtTheNetworkNotTheRole()
    {
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Json(HttpStatusCode.Forbidden,
            """{"error":{"code":"Forbidden","message":"Client address is not authorized and caller is not a trusted service.","innererror":{"code":"ForbiddenByFirewall"}}}"""));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("firewall", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Crypto User", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson200_ThrowsKeyUnavailableThatDoesNotQuoteTheBody()
    {
        const string truncated = """{"kid":"https://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6","value":"ovQIlbB0DgWhZA7sgkPx""";
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Ok(truncated));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(
            () => Create(handler, Options()).UnwrapAsync(new WrappedKey(SdkTestKeyId, "RSA-OAEP-256", new byte[256])));

        Assert.Contains("not a JSON KeyOperationResult", ex.Message, StringComparison.Ordinal);
        Assert.Contains("VaultUri", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ovQIlbB0", ex.Message, StringComparison.Ordinal);
        var failure = Assert.IsType<KeyVaultRequestFailedException>(ex.InnerException);
        Assert.Equal(200, failure.Status);
        Assert.IsType<JsonException>(failure.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData("""{"kid":"https://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6"}""", "value is missing")]
    [InlineData("""{"kid":"https://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6","value":"not*base64url"}""", "not base64url")]
    [InlineData("""{"value":"ovQIlbB0DgWhZA7sgkPxbg9H-Ly-VlNGPSgGrrZvlIo"}""", "kid is missing")]
    [InlineData("""{"kid":"https://othervault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6","value":"AA"}""", "kid is missing or is not")]
    [InlineData("null", "not a JSON KeyOperationResult")]
    public async Task WrapAsync_200WithoutAUsableResult_ThrowsKeyUnavailableSayingWhatIsWrong(string body, string problem)
    {
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Ok(body));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayAnswersHtml_ThrowsKeyUnavailableWithTheStatusAlone()
    {
        var handler = StubHttpHandler.Replay(() => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html><body>502 Bad Gateway</body></html>") });

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("502 Bad Gateway.", ex.Message, StringComparison.Ordinal);
        var failure = Assert.IsType<KeyVaultRequestFailedException>(ex.InnerException);
        Assert.Equal((502, null), (failure.Status, failure.ErrorCode));
    }

    [Fact]
    public async Task VaultUnreachable_ThrowsKeyUnavailableAboutTheNetwork()
    {
        var handler = new StubHttpHandler((_, _) => throw new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("could not be reached: NameResolutionError", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DNS", ex.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(ex.InnerException!.InnerException);
    }

    [Fact]
    public async Task WrapAsync_EmptyDataKey_ThrowsArgumentBeforeAnyCall()
    {
        var handler = StubHttpHandler.Replay();

        await Assert.ThrowsAsync<ArgumentException>(() => Create(handler, Options()).WrapAsync(ReadOnlyMemory<byte>.Empty));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingEveryBadOption()
    {
        var options = new AzureKeyVaultKeyWrapperOptions { VaultUri = new Uri("http://myvault.vault.azure.net/"), Algorithm = "RSA1_5" };

        var ex = Assert.Throws<ArgumentException>(() => new AzureKeyVaultKeyWrapper(new HttpClient(), new FakeTokenCredential(_time), options));

        Assert.Contains("AzureKeyVaultKeyWrapperOptions.VaultUri", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureKeyVaultKeyWrapperOptions.KeyName", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureKeyVaultKeyWrapperOptions.Algorithm 'RSA1_5'", ex.Message, StringComparison.Ordinal);
    }
}
