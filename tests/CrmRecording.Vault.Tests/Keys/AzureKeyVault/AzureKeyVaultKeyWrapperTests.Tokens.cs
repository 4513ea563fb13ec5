using System.Security.Cryptography;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Keys.AzureKeyVault;
using static CrmRecording.Vault.Tests.Keys.AzureKeyVault.KeyVaultFixtures;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>Bearer tokens: asked for the Key Vault audience, reused, refreshed before expiry, re-asked after a challenge.</summary>
public sealed partial class AzureKeyVaultKeyWrapperTests
{
    [Fact]
    public async Task Token_ReusedUntilFiveMinutesBeforeExpiry_ThenRefreshed()
    {
        var vault = Own(new RsaKeyVaultStub(SdkTestKeyId));
        var handler = new StubHttpHandler(vault.Respond);
        var wrapper = Create(handler, Options());

        await wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32));
        _time.Advance(TimeSpan.FromMinutes(54));
        await wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32));
        _time.Advance(TimeSpan.FromMinutes(1));
        await wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], handler.Requests.Select(request => request.Authorization));
        Assert.Equal(2, Credential.Calls.Count);
        Assert.All(Credential.Calls, call =>
        {
            Assert.Equal(["https://vault.azure.net/.default"], call.Context.Scopes);
            Assert.Null(call.Context.TenantId);
        });
    }

    [Fact]
    public async Task Token_ManyConcurrentCallers_AsksTheCredentialOnce()
    {
        var vault = Own(new RsaKeyVaultStub(SdkTestKeyId));
        var handler = new StubHttpHandler(vault.Respond);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wrapper = Create(handler, Options(), new FakeTokenCredential(_time) { Latency = ct => release.Task.WaitAsync(ct) });

        var wraps = Enumerable.Range(0, 20).Select(_ => wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32))).ToList();
        release.SetResult();
        await Task.WhenAll(wraps);

        Assert.Single(Credential.Calls);
        Assert.Equal(20, handler.Requests.Count);
        Assert.All(handler.Requests, request => Assert.Equal("Bearer token-1", request.Authorization));
    }

    [Fact]
    public async Task Unauthorized_WithChallenge_AsksForATokenInTheChallengedTenantAndRetriesOnce()
    {
        var body = ResponseBody(WrapExample);
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Challenge(), () => KeyVaultResponses.Ok(body));
        var wrapper = Create(handler, Options());

        var wrapped = await wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(SdkTestKeyId, wrapped.KeyId);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], handler.Requests.Select(request => request.Authorization));
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.Equal([null, KeyVaultResponses.ChallengeTenant], Credential.Calls.Select(call => call.Context.TenantId));
        Assert.All(Credential.Calls, call => Assert.Equal(["https://vault.azure.net/.default"], call.Context.Scopes));
    }

    [Fact]
    public async Task Unauthorized_ChallengeNamingAnotherService_DoesNotAskForItsToken()
    {
        var handler = StubHttpHandler.Replay(
            () => KeyVaultResponses.Challenge(resource: "https://attacker.example"),
            () => KeyVaultResponses.Ok(ResponseBody(WrapExample)));

        await Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32));

        Assert.All(Credential.Calls, call => Assert.Equal(["https://vault.azure.net/.default"], call.Context.Scopes));
    }

    [Fact]
    public async Task Unauthorized_Twice_ThrowsKeyUnavailableNamingTheAuthorityButNotTheToken()
    {
        var handler = StubHttpHandler.Replay(() => KeyVaultResponses.Challenge(), () => KeyVaultResponses.Challenge());
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(dataKey));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"https://login.microsoftonline.com/{KeyVaultResponses.ChallengeTenant}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tenant", ex.Message, StringComparison.Ordinal);
        AssertNoSecrets(ex, dataKey);
        Assert.Equal(401, Assert.IsType<KeyVaultRequestFailedException>(ex.InnerException).Status);
    }

    [Fact]
    public async Task Credential_Fails_ThrowsKeyUnavailableAboutTheIdentityAndSendsNothing()
    {
        var handler = StubHttpHandler.Replay();
        var credential = new FakeTokenCredential(_time) { Failure = new InvalidOperationException("ManagedIdentityCredential authentication unavailable.") };

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(
            () => Create(handler, Options(), credential).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("access token", ex.Message, StringComparison.Ordinal);
        Assert.Contains("managed identity", ex.Message, StringComparison.Ordinal);
        Assert.Same(credential.Failure, ex.InnerException!.InnerException);
        Assert.Empty(handler.Requests);
    }

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
