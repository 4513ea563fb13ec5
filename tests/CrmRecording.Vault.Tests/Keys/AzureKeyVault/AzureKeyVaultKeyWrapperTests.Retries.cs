using System.Net;
using System.Security.Cryptography;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Keys.AzureKeyVault;
using static CrmRecording.Vault.Tests.Keys.AzureKeyVault.KeyVaultFixtures;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>Throttling and transient failures: a few short, bounded retries, honouring Retry-After.</summary>
public sealed partial class AzureKeyVaultKeyWrapperTests
{
    [Fact]
    public async Task Throttled429_WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        var handler = StubHttpHandler.Replay(
            () => KeyVaultResponses.Throttled(TimeSpan.FromSeconds(2)),
            () => KeyVaultResponses.Ok(ResponseBody(WrapExample)));

        var wrapped = await Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(SdkTestKeyId, wrapped.KeyId);
        Assert.Equal([TimeSpan.FromSeconds(2)], _time.Delays);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.Equal(handler.Requests[0].Uri, handler.Requests[1].Uri);
        Assert.NotEqual(handler.Requests[0].ClientRequestId, handler.Requests[1].ClientRequestId);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Transient5xx_WithoutRetryAfter_BacksOffExponentially(HttpStatusCode status)
    {
        var handler = StubHttpHandler.Replay(
            () => KeyVaultResponses.Json(status, "{}"),
            () => KeyVaultResponses.Json(status, "{}"),
            () => KeyVaultResponses.Ok(ResponseBody(UnwrapExample)));

        var dataKey = await Create(handler, Options()).UnwrapAsync(new WrappedKey(SdkTestKeyId, "RSA-OAEP-256", new byte[256]));

        Assert.Equal(32, dataKey.Length);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _time.Delays);
    }

    [Fact]
    public async Task Throttled429_EveryTime_GivesUpAfterMaxRetriesWithStatusAndCode()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromResult(KeyVaultResponses.Throttled(TimeSpan.FromSeconds(1))));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(3, _time.Delays.Count);
        var failure = Assert.IsType<KeyVaultRequestFailedException>(ex.InnerException);
        Assert.Equal(429, failure.Status);
        Assert.Equal("Throttled", failure.ErrorCode);
        Assert.Equal(KeyVaultResponses.RequestId, failure.RequestId);
        Assert.Contains("429", ex.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 retries", ex.Message, StringComparison.Ordinal);
        Assert.Contains("request rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled429_RetryAfterLongerThanMaxRetryDelay_FailsAtOnceInsteadOfStalling()
    {
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Throttled(TimeSpan.FromMinutes(5)));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Single(handler.Requests);
        Assert.Empty(_time.Delays);
        Assert.Equal(429, ((KeyVaultRequestFailedException)ex.InnerException!).Status);
        Assert.Contains("asking to wait 300 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InternalServerError500_IsNotRetried()
    {
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Json(HttpStatusCode.InternalServerError, """{"error":{"code":"InternalError","message":"An internal error occurred."}}"""));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Single(handler.Requests);
        Assert.Contains("retry later", ex.Message, StringComparison.Ordinal);
    }
}
