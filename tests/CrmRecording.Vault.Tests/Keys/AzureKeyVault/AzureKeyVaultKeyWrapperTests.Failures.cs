using System.Net;
using Azure;
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
        var handler = FakeKeyVaultTransport.Replay(() => KeyVaultResponses.Error(HttpStatusCode.NotFound, KeyNotFound));
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(dataKey));

        Assert.Equal(SdkTestKeyId, ex.KeyId);
        Assert.Contains("404", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KeyNotFound", ex.Message, StringComparison.Ordinal);
        Assert.Contains("key 'sdktestkey'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("recovered", ex.Message, StringComparison.Ordinal);
        Assert.Contains(KeyVaultResponses.RequestId, ex.Message, StringComparison.Ordinal);
        var failure = Assert.IsType<RequestFailedException>(ex.InnerException);
        Assert.Equal((404, "KeyNotFound", KeyVaultResponses.RequestId), (failure.Status, failure.ErrorCode, failure.GetRawResponse()!.Headers.RequestId));
        AssertNoSecrets(ex, dataKey);
    }

    [Fact]
    public async Task KeyNotFound404_WhileResolvingTheCurrentVersion_NamesTheKey()
    {
        var handler = FakeKeyVaultTransport.Replay(() => KeyVaultResponses.Error(HttpStatusCode.NotFound, KeyNotFound));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(
            () => Create(handler, Options(keyVersion: null)).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Equal("https://myvault.vault.azure.net/keys/sdktestkey", ex.KeyId);
        Assert.Contains("key 'sdktestkey'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpMethod.Get, Assert.Single(handler.Requests).Method);
    }

    [Fact]
    public async Task Forbidden403_ByRbac_TellsWhichRoleToGrant()
    {
        // The key cannot be read either (the SDK's first call), so the wrap is asked of the vault, which refuses it too.
        var handler = FakeKeyVaultTransport.Replay(
            () => KeyVaultResponses.Error(HttpStatusCode.Forbidden, ForbiddenByRbac),
            () => KeyVaultResponses.Error(HttpStatusCode.Forbidden, ForbiddenByRbac));
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(dataKey));

        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Forbidden/ForbiddenByRbac", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"Key Vault Crypto User\" role", ex.Message, StringComparison.Ordinal);
        Assert.Contains("wrapKey", ex.Message, StringComparison.Ordinal);
        var failure = Assert.IsType<RequestFailedException>(ex.InnerException);
        Assert.Equal((403, "Forbidden"), (failure.Status, failure.ErrorCode));
        AssertNoSecrets(ex, dataKey);
    }

    [Fact]
    public async Task Forbidden403_ByFirewall_PointsAtTheNetworkNotTheRole()
    {
        const string Firewall = """{"error":{"code":"Forbidden","message":"Client address is not authorized and caller is not a trusted service.","innererror":{"code":"ForbiddenByFirewall"}}}""";
        var handler = FakeKeyVaultTransport.Replay(
            () => KeyVaultResponses.Json(HttpStatusCode.Forbidden, Firewall),
            () => KeyVaultResponses.Json(HttpStatusCode.Forbidden, Firewall));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("firewall", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Crypto User", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson200_ThrowsKeyUnavailableThatDoesNotQuoteTheBody()
    {
        const string truncated = """{"kid":"https://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6","value":"ovQIlbB0DgWhZA7sgkPx""";
        var handler = FakeKeyVaultTransport.Replay(() => KeyVaultResponses.Error(HttpStatusCode.Forbidden, ForbiddenByRbac), () => KeyVaultResponses.Ok(truncated));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(
            () => Create(handler, Options()).UnwrapAsync(new WrappedKey(SdkTestKeyId, "RSA-OAEP-256", new byte[256])));

        Assert.Contains("not a JSON KeyOperationResult", ex.Message, StringComparison.Ordinal);
        Assert.Contains("VaultUri", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ovQIlbB0", ex.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(ex.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData("""{"kid":"https://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6"}""", "value is missing")]
    [InlineData("""{"kid":"https://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6","value":"not*base64url"}""", "not base64url")]
    [InlineData("""{"value":"ovQIlbB0DgWhZA7sgkPxbg9H-Ly-VlNGPSgGrrZvlIo"}""", "kid is missing")]
    [InlineData("""{"kid":"https://othervault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6","value":"AA"}""", "kid is missing or is not")]
    [InlineData("null", "not a JSON KeyOperationResult")]
    public async Task WrapAsync_200WithoutAUsableResult_ThrowsKeyUnavailableSayingWhatIsWrong(string body, string problem)
    {
        var handler = FakeKeyVaultTransport.Replay(() => KeyVaultResponses.Error(HttpStatusCode.Forbidden, ForbiddenByRbac), () => KeyVaultResponses.Ok(body));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayAnswersHtml_ThrowsKeyUnavailableWithTheStatusAloneAfterRetrying()
    {
        var handler = new FakeKeyVaultTransport((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html><body>502 Bad Gateway</body></html>") }));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("502 Bad Gateway after 3 retries.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(502, Assert.IsType<RequestFailedException>(ex.InnerException).Status);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task VaultUnreachable_ThrowsKeyUnavailableAboutTheNetwork()
    {
        var handler = new FakeKeyVaultTransport((_, _) => throw new RequestFailedException("Name or service not known", new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known")));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("could not be reached: NameResolutionError", ex.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 retries", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DNS", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, handler.Requests.Count);
        Assert.IsType<HttpRequestException>(Assert.IsType<AggregateException>(ex.InnerException).InnerExceptions[^1].InnerException);
    }

    [Fact]
    public async Task WrapAsync_EmptyDataKey_ThrowsArgumentBeforeAnyCall()
    {
        var handler = FakeKeyVaultTransport.Replay();

        await Assert.ThrowsAsync<ArgumentException>(() => Create(handler, Options()).WrapAsync(ReadOnlyMemory<byte>.Empty));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingEveryBadOption()
    {
        var options = new AzureKeyVaultKeyWrapperOptions { VaultUri = new Uri("http://myvault.vault.azure.net/"), Algorithm = "RSA1_5" };

        using var http = new HttpClient();
        var ex = Assert.Throws<ArgumentException>(() => new AzureKeyVaultKeyWrapper(http, new FakeTokenCredential(), options));

        Assert.Contains("AzureKeyVaultKeyWrapperOptions.VaultUri", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureKeyVaultKeyWrapperOptions.KeyName", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureKeyVaultKeyWrapperOptions.Algorithm 'RSA1_5'", ex.Message, StringComparison.Ordinal);
    }
}

public sealed partial class AzureKeyVaultKeyWrapperTests
{
    private void AssertNoSecrets(Exception ex, byte[] dataKey)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain("token-", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(dataKey).TrimEnd('='), e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(System.Buffers.Text.Base64Url.EncodeToString(dataKey), e.Message, StringComparison.Ordinal);
        }

        Assert.NotEmpty(Credential.Calls);
    }
}
