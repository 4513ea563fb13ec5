using System.Security.Cryptography;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Keys.AzureKeyVault;
using static CrmRecording.Vault.Tests.Keys.AzureKeyVault.KeyVaultFixtures;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>
/// Bearer tokens through the SDK's challenge-based authentication: the audience and tenant come from the vault's
/// 401 challenge, a token is shared by concurrent callers, a challenge naming another service is refused. The SDK
/// remembers a vault's challenge for the process, so tests that watch the first exchange use a vault of their own.
/// </summary>
public sealed partial class AzureKeyVaultKeyWrapperTests
{
    [Fact]
    public async Task FirstCall_ToANewVault_SendsNoDataKeyUntilTheChallengeNamesTenantAndAudience()
    {
        var (options, kid) = FreshVault();
        var vault = Own(new RsaKeyVaultStub(kid) { Readable = false });
        var handler = new FakeKeyVaultTransport(vault.Respond);

        var wrapped = await Create(handler, options).WrapAsync(RandomNumberGenerator.GetBytes(32));

        var challenged = Assert.Single(handler.Challenged);
        Assert.Null(challenged.Body);
        var call = Assert.Single(Credential.Calls);
        Assert.Equal(["https://vault.azure.net/.default"], call.Context.Scopes);
        Assert.Equal(KeyVaultResponses.ChallengeTenant, call.Context.TenantId);
        Assert.All(handler.Requests, request => Assert.Equal("Bearer token-1", request.Authorization));
        Assert.Equal(kid, wrapped.KeyId);
    }

    [Fact]
    public async Task Token_ManyConcurrentCallers_AsksTheCredentialOnce()
    {
        var vault = Own(new RsaKeyVaultStub(SdkTestKeyId));
        var handler = new FakeKeyVaultTransport(vault.Respond);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wrapper = Create(handler, Options(), new FakeTokenCredential { Latency = ct => release.Task.WaitAsync(ct) });

        var wraps = Enumerable.Range(0, 20).Select(_ => wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32))).ToList();
        release.SetResult();
        await Task.WhenAll(wraps);

        Assert.Single(Credential.Calls);
        Assert.NotEmpty(handler.Requests);
        Assert.All(handler.Requests, request => Assert.Equal("Bearer token-1", request.Authorization));
    }

    [Fact]
    public async Task Unauthorized_OnceWithAChallenge_IsAnsweredAndTheCallSentAgain()
    {
        var handler = FakeKeyVaultTransport.Replay(NotReadable, () => KeyVaultResponses.Challenge(), () => KeyVaultResponses.Ok(ResponseBody(WrapExample)));

        var wrapped = await Create(handler, Options()).WrapAsync(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(SdkTestKeyId, wrapped.KeyId);
        var posts = handler.Requests.Where(request => request.Method == HttpMethod.Post).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.All(Credential.Calls, call => Assert.Equal(["https://vault.azure.net/.default"], call.Context.Scopes));
    }

    [Fact]
    public async Task Challenge_NamingAnotherService_IsRefusedWithoutAskingForItsToken()
    {
        var (options, kid) = FreshVault();
        var vault = Own(new RsaKeyVaultStub(kid));
        var handler = new FakeKeyVaultTransport(vault.Respond) { ChallengeResource = "https://attacker.example" };

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, options).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("challenge", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Credential.Calls);
        Assert.Empty(handler.Requests);
        Assert.All(handler.Challenged, request => Assert.Null(request.Body));
    }

    [Fact]
    public async Task Unauthorized_Twice_ThrowsKeyUnavailableNamingTheAuthorityButNotTheToken()
    {
        var handler = FakeKeyVaultTransport.Replay(NotReadable, () => KeyVaultResponses.Challenge(), () => KeyVaultResponses.Challenge());
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => Create(handler, Options()).WrapAsync(dataKey));

        Assert.Equal(2, handler.Requests.Count(request => request.Method == HttpMethod.Post));
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"https://login.microsoftonline.com/{KeyVaultResponses.ChallengeTenant}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tenant", ex.Message, StringComparison.Ordinal);
        AssertNoSecrets(ex, dataKey);
        Assert.Equal(401, Assert.IsType<Azure.RequestFailedException>(ex.InnerException).Status);
    }

    [Fact]
    public async Task Credential_Fails_ThrowsKeyUnavailableAboutTheIdentityAndSendsNoDataKey()
    {
        var handler = FakeKeyVaultTransport.Replay();
        var credential = new FakeTokenCredential { Failure = new InvalidOperationException("ManagedIdentityCredential authentication unavailable.") };

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(
            () => Create(handler, Options(), credential).WrapAsync(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("access token", ex.Message, StringComparison.Ordinal);
        Assert.Contains("managed identity", ex.Message, StringComparison.Ordinal);
        Assert.Same(credential.Failure, ex.InnerException!.InnerException);
        Assert.Empty(handler.Requests);
        Assert.All(handler.Challenged, request => Assert.Null(request.Body));
    }

    /// <summary>Options for a vault no other test has talked to, and its key's versioned kid.</summary>
    private static (AzureKeyVaultKeyWrapperOptions Options, string Kid) FreshVault()
    {
        var options = Options();
        options.VaultUri = new Uri($"https://v{Guid.NewGuid():N}"[..32] + ".vault.azure.net/");
        return (options, $"{options.VaultUri.AbsoluteUri}keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6");
    }
}
