using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using Azure;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Keys.AzureKeyVault;
using static CrmRecording.Vault.Tests.Keys.AzureKeyVault.KeyVaultFixtures;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>Wire format and round trips through the SDK, against Microsoft's documented examples and a real RSA-OAEP-256 stub.</summary>
public sealed partial class AzureKeyVaultKeyWrapperTests
{
    [Fact]
    public async Task WrapAsync_KeyNotReadable_PostsTheDocumentedExampleToWrapKeyAndReadsItsAnswer()
    {
        var handler = FakeKeyVaultTransport.Replay(
            () => KeyVaultResponses.Error(HttpStatusCode.Forbidden, ForbiddenByRbac),
            () => KeyVaultResponses.Ok(ResponseBody(WrapExample)));
        var wrapper = Create(handler, Options());
        var dataKey = Base64Url.DecodeFromChars(RequestValue(WrapExample));

        var wrapped = await wrapper.WrapAsync(dataKey);

        Assert.Equal([HttpMethod.Get, HttpMethod.Post], handler.Requests.Select(request => request.Method));
        Assert.Equal($"{SdkTestKeyId}?api-version=7.4", handler.Requests[0].Uri.AbsoluteUri);
        var request = handler.Requests[1];
        Assert.Equal($"{SdkTestKeyId}/wrapKey?api-version=7.4", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer token-1", request.Authorization);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("application/json", request.Accept);
        Assert.True(Guid.TryParse(request.ClientRequestId, out _));
        Assert.Equal("""{"alg":"RSA-OAEP-256","value":"ovQIlbB0DgWhZA7sgkPxbg9H-Ly-VlNGPSgGrrZvlIo"}""", request.Body);

        Assert.Equal(ResponseField(WrapExample, "kid"), wrapped.KeyId);
        Assert.Equal("RSA-OAEP-256", wrapped.Algorithm);
        Assert.Equal(Base64Url.DecodeFromChars(ResponseField(WrapExample, "value")), wrapped.Bytes);
        Assert.Equal(256, wrapped.Bytes.Length);
    }

    [Fact]
    public async Task UnwrapAsync_DocumentedExample_PostsWrappedBytesToTheKidsUnwrapKey()
    {
        var handler = FakeKeyVaultTransport.Replay(
            () => KeyVaultResponses.Error(HttpStatusCode.Forbidden, ForbiddenByRbac),
            () => KeyVaultResponses.Ok(ResponseBody(UnwrapExample)));
        var wrapper = Create(handler, Options());
        var wrapped = new WrappedKey(SdkTestKeyId, "RSA-OAEP-256", Base64Url.DecodeFromChars(RequestValue(UnwrapExample)));

        var dataKey = await wrapper.UnwrapAsync(wrapped);

        var request = handler.Requests[^1];
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{SdkTestKeyId}/unwrapKey?api-version=7.4", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer token-1", request.Authorization);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal($$"""{"alg":"RSA-OAEP-256","value":"{{RequestValue(UnwrapExample)}}"}""", request.Body);
        Assert.Equal(Base64Url.DecodeFromChars(ResponseField(UnwrapExample, "value")), dataKey);
        Assert.Equal(32, dataKey.Length);
    }

    [Fact]
    public async Task WrapThenUnwrap_ReadableRsaKey_WrapsWithItsPublicPartAndUnwrapsInTheVault()
    {
        var vault = Own(new RsaKeyVaultStub(SdkTestKeyId));
        var handler = new FakeKeyVaultTransport(vault.Respond);
        var wrapper = Create(handler, Options());
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var wrapped = await wrapper.WrapAsync(dataKey);
        var unwrapped = await wrapper.UnwrapAsync(wrapped);

        Assert.Equal(dataKey, unwrapped);
        Assert.Equal(SdkTestKeyId, wrapped.KeyId);
        Assert.Equal(256, wrapped.Bytes.Length);
        Assert.Equal(dataKey, vault.Key.Decrypt(wrapped.Bytes, RSAEncryptionPadding.OaepSHA256));

        // The public part is read once; the data key itself never travels, only its wrapped form does.
        Assert.Equal(
            [$"GET {SdkTestKeyId}?api-version=7.4", $"POST {SdkTestKeyId}/unwrapKey?api-version=7.4"],
            handler.Requests.Select(request => $"{request.Method} {request.Uri.AbsoluteUri}"));
        Assert.DoesNotMatch("[=+/]", handler.Requests[1].Body!.Split("\"value\":")[1]);
    }

    [Fact]
    public async Task WrapThenUnwrap_KeyNotReadable_BothRunInTheVault()
    {
        var vault = Own(new RsaKeyVaultStub(SdkTestKeyId) { Readable = false });
        var handler = new FakeKeyVaultTransport(vault.Respond);
        var wrapper = Create(handler, Options());
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var unwrapped = await wrapper.UnwrapAsync(await wrapper.WrapAsync(dataKey));

        Assert.Equal(dataKey, unwrapped);
        Assert.Equal(
            [$"GET {SdkTestKeyId}?api-version=7.4", $"POST {SdkTestKeyId}/wrapKey?api-version=7.4", $"POST {SdkTestKeyId}/unwrapKey?api-version=7.4"],
            handler.Requests.Select(request => $"{request.Method} {request.Uri.AbsoluteUri}"));
    }

    [Fact]
    public async Task UnwrapAsync_AlteredBytes_ThrowsKeyUnavailableSayingTheyWereAltered()
    {
        var vault = Own(new RsaKeyVaultStub(SdkTestKeyId));
        var wrapper = Create(new FakeKeyVaultTransport(vault.Respond), Options());
        var wrapped = await wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32));
        wrapped.Bytes[17] ^= 0x01;

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => wrapper.UnwrapAsync(wrapped));

        Assert.Equal(SdkTestKeyId, ex.KeyId);
        Assert.Contains("400", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BadParameter", ex.Message, StringComparison.Ordinal);
        Assert.Contains("altered", ex.Message, StringComparison.Ordinal);
        Assert.Equal(400, Assert.IsType<RequestFailedException>(ex.InnerException).Status);
    }

    [Fact]
    public async Task WrapAsync_NoKeyVersion_ReadsTheCurrentVersionOnceFromGetKey()
    {
        var kid = ResponseField(GetKeyExample, "key", "kid");
        var handler = new FakeKeyVaultTransport((request, _) => Task.FromResult(KeyVaultResponses.Ok(ResponseBody(GetKeyExample))));
        var wrapper = Create(handler, Options(keyName: "CreateSoftKeyTest", keyVersion: null));

        var first = await wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32));
        var second = await wrapper.WrapAsync(RandomNumberGenerator.GetBytes(32));

        var get = handler.Requests[0];
        Assert.Equal("https://myvault.vault.azure.net/keys/CreateSoftKeyTest/?api-version=7.4", get.Uri.AbsoluteUri);
        Assert.Equal("Bearer token-1", get.Authorization);
        Assert.Null(get.Body);

        // Then the documented key's version is read for its public part, which permits wrapKey: no data key is posted.
        Assert.Equal(
            [$"GET https://myvault.vault.azure.net/keys/CreateSoftKeyTest/?api-version=7.4", $"GET {kid}?api-version=7.4"],
            handler.Requests.Select(request => $"{request.Method} {request.Uri.AbsoluteUri}"));
        Assert.Equal(kid, first.KeyId);
        Assert.Equal(kid, second.KeyId);
        Assert.Equal(256, first.Bytes.Length);
        Assert.NotEqual(first.Bytes, second.Bytes);
        Assert.Equal(kid, wrapper.CurrentKeyId);
    }

    [Fact]
    public async Task CurrentKeyId_NoKeyVersionNotYetResolved_ThrowsNamingTheWayOut()
    {
        var handler = FakeKeyVaultTransport.Replay(() => KeyVaultResponses.Ok(ResponseBody(GetKeyExample)));
        var wrapper = Create(handler, Options(keyName: "CreateSoftKeyTest", keyVersion: null));

        var ex = Assert.Throws<InvalidOperationException>(() => wrapper.CurrentKeyId);
        Assert.Contains(nameof(AzureKeyVaultKeyWrapper.ResolveCurrentKeyIdAsync), ex.Message, StringComparison.Ordinal);
        Assert.Contains("KeyVersion", ex.Message, StringComparison.Ordinal);

        Assert.Equal(ResponseField(GetKeyExample, "key", "kid"), await wrapper.ResolveCurrentKeyIdAsync());
        Assert.Equal(ResponseField(GetKeyExample, "key", "kid"), wrapper.CurrentKeyId);
    }

    [Fact]
    public void CurrentKeyId_KeyVersionConfigured_IsTheFullVersionedKidWithoutACall()
    {
        var handler = FakeKeyVaultTransport.Replay();

        Assert.Equal(SdkTestKeyId, Create(handler, Options()).CurrentKeyId);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task WrapAsync_NamedKidInTheSameVault_WrapsWithThatKid()
    {
        const string rotatedTo = "https://myvault.vault.azure.net/keys/recordings-2027/1f0e4c2b9a8d4e6f8b7a6c5d4e3f2a1b";
        var vault = Own(new RsaKeyVaultStub(rotatedTo) { Readable = false });
        var handler = new FakeKeyVaultTransport(vault.Respond);

        var wrapped = await Create(handler, Options()).WrapAsync(rotatedTo, RandomNumberGenerator.GetBytes(32));

        Assert.Equal($"{rotatedTo}/wrapKey?api-version=7.4", handler.Requests[^1].Uri.AbsoluteUri);
        Assert.Equal(rotatedTo, wrapped.KeyId);
    }

    [Theory]
    [InlineData("https://othervault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6")]
    [InlineData("https://myvault.vault.azure.net.attacker.example/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6")]
    [InlineData("http://myvault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6")]
    [InlineData("https://myvault.vault.azure.net/keys/sdktestkey")]
    [InlineData("https://myvault.vault.azure.net/secrets/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6")]
    [InlineData("sdktestkey")]
    public async Task WrapAsync_KidNotAVersionedKeyInThisVault_ThrowsArgumentAndSendsNothing(string keyId)
    {
        var handler = FakeKeyVaultTransport.Replay();
        var wrapper = Create(handler, Options());

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wrapper.WrapAsync(keyId, RandomNumberGenerator.GetBytes(32)));

        Assert.Equal("keyId", ex.ParamName);
        Assert.Contains(MyVault, ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
        Assert.Empty(Credential.Calls);
    }

    [Fact]
    public async Task UnwrapAsync_KidFromAnotherVault_ThrowsKeyUnavailableAndSendsNothing()
    {
        const string foreign = "https://othervault.vault.azure.net/keys/sdktestkey/0698c2156c1a4e1da5b6bab6f6422fd6";
        var handler = FakeKeyVaultTransport.Replay();
        var wrapper = Create(handler, Options());

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(() => wrapper.UnwrapAsync(new WrappedKey(foreign, "RSA-OAEP-256", new byte[256])));

        Assert.Equal(foreign, ex.KeyId);
        Assert.Contains("another vault", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
        Assert.Empty(Credential.Calls);
    }

    [Fact]
    public async Task UnwrapAsync_WrappedByTheLocalKeyFile_ThrowsKeyUnavailableNamingTheAlgorithm()
    {
        var handler = FakeKeyVaultTransport.Replay();

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(
            () => Create(handler, Options()).UnwrapAsync(new WrappedKey(SdkTestKeyId, "A256GCM", new byte[60])));

        Assert.Contains("A256GCM", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task WrapAsync_ManagedHsmWithA256KW_SendsA256KWWithAManagedHsmToken()
    {
        const string kid = "https://myhsm.managedhsm.azure.net/keys/recordings/78deebed173b48e48f55abf87ed4cf71";
        var aesWrapped = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        var octKey = $$$"""{"key":{"kid":"{{{kid}}}","kty":"oct-HSM","key_ops":["wrapKey","unwrapKey"]},"attributes":{"enabled":true}}""";
        var handler = FakeKeyVaultTransport.Replay(() => KeyVaultResponses.Ok(octKey), () => Ok(kid, aesWrapped));
        var options = Options(keyName: "recordings", keyVersion: "78deebed173b48e48f55abf87ed4cf71");
        options.VaultUri = new Uri("https://myhsm.managedhsm.azure.net/");
        options.Algorithm = "A256KW";

        var wrapped = await Create(handler, options).WrapAsync(new byte[32]);

        // A symmetric key never leaves the HSM, so the wrap runs there.
        Assert.Equal($"{kid}/wrapKey?api-version=7.4", handler.Requests[^1].Uri.AbsoluteUri);
        Assert.Equal("""{"alg":"A256KW","value":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", handler.Requests[^1].Body);
        Assert.All(Credential.Calls, call => Assert.Equal(["https://managedhsm.azure.net/.default"], call.Context.Scopes));
        Assert.Equal(kid, wrapped.KeyId);
        Assert.Equal("A256KW", wrapped.Algorithm);
        Assert.Equal(aesWrapped, wrapped.Bytes);
    }
}
