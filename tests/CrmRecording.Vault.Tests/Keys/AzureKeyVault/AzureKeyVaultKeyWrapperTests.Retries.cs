using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure;
using CrmRecording.Vault.Keys;
using static CrmRecording.Vault.Tests.Keys.AzureKeyVault.KeyVaultFixtures;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>
/// Throttling and transient failures, through the SDK's retry policy: a few bounded retries honouring Retry-After,
/// and none when the vault asks for a longer wait than MaxRetryDelay. The key is not readable here, so every wrap
/// and unwrap is a call to the vault after the first GET's 403.
/// </summary>
public sealed partial class AzureKeyVaultKeyWrapperTests
{
    [Fact]
    public async Task Throttled429_WithRetryAfter_WaitsAtLeastThatLongThenSucceeds()
    {
        var handler = FakeKeyVaultTransport.Replay(
            NotReadable,
            () => Throttled(TimeSpan.FromSeconds(1)),
            () => KeyVaultResponses.Ok(ResponseBody(WrapExample)));
        var clock = Stopwatch.StartNew();

        var wrapped = await Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed}");
        Assert.Equal(SdkTestKeyId, wrapped.KeyId);
        var posts = handler.Requests.Where(request => request.Method == HttpMethod.Post).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Equal(posts[0].Uri, posts[1].Uri);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Transient5xx_WithoutRetryAfter_IsRetriedUntilItSucceeds(HttpStatusCode status)
    {
        var handler = FakeKeyVaultTransport.Replay(
            NotReadable,
            () => KeyVaultResponses.Json(status, "{}"),
            () => KeyVaultResponses.Json(status, "{}"),
            () => KeyVaultResponses.Ok(ResponseBody(UnwrapExample)));

        var dataKey = await Create(handler, Options()).UnwrapAsync(new WrappedKey(SdkTestKeyId, "RSA-OAEP-256", new byte[256]));

        Assert.Equal(32, dataKey.Length);
        Assert.Equal(3, handler.Requests.Count(request => request.Method == HttpMethod.Post));
    }

    [Fact]
    public async Task Throttled429_EveryTime_GivesUpAfterMaxRetriesWithStatusAndCode()
    {
        var handler = new FakeKeyVaultTransport((request, _) => Task.FromResult(request.Method == HttpMethod.Get ? NotReadable() : Throttled(TimeSpan.Zero)));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(4, handler.Requests.Count(request => request.Method == HttpMethod.Post));
        var failure = Assert.IsType<RequestFailedException>(ex.InnerException);
        Assert.Equal((429, "Throttled"), (failure.Status, failure.ErrorCode));
        Assert.Contains("429", ex.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 retries", ex.Message, StringComparison.Ordinal);
        Assert.Contains("request rate", ex.Message, StringComparison.Ordinal);
        Assert.Contains(KeyVaultResponses.RequestId, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled429_RetryAfterLongerThanMaxRetryDelay_FailsAtOnceInsteadOfStalling()
    {
        var handler = FakeKeyVaultTransport.Replay(NotReadable, () => Throttled(TimeSpan.FromMinutes(5)));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Single(handler.Requests, request => request.Method == HttpMethod.Post);
        Assert.Equal(429, Assert.IsType<RequestFailedException>(ex.InnerException).Status);
        Assert.Contains("asking to wait 300 s", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("retries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InternalServerError500_EveryTime_IsReportedAsAVaultFailureAfterRetrying()
    {
        var handler = new FakeKeyVaultTransport((request, _) => Task.FromResult(request.Method == HttpMethod.Get
            ? NotReadable()
            : KeyVaultResponses.Json(HttpStatusCode.InternalServerError, """{"error":{"code":"InternalError","message":"An internal error occurred."}}""")));

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(4, handler.Requests.Count(request => request.Method == HttpMethod.Post));
        Assert.Contains("InternalError", ex.Message, StringComparison.Ordinal);
        Assert.Contains("retry later", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Get Key refused: the SDK then asks the vault for every operation.</summary>
    private static HttpResponseMessage NotReadable() => KeyVaultResponses.Error(HttpStatusCode.Forbidden, ForbiddenByRbac);

    private static HttpResponseMessage Throttled(TimeSpan retryAfter)
    {
        var response = KeyVaultResponses.Throttled(null);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
        return response;
    }
}
