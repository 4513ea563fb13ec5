using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>
/// Plays Key Vault's wrapkey/unwrapkey for one RSA key with real RSA-OAEP-256, so the bytes that come back are
/// what a vault would return; and the key's GET. Bad ciphertext gets Key Vault's 400.
/// </summary>
internal sealed class RsaKeyVaultStub(string kid) : IDisposable
{
    public string Kid { get; } = kid;

    public RSA Key { get; } = RSA.Create(2048);

    public Task<HttpResponseMessage> Respond(RecordedRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Assert.StartsWith(Kid + "/", request.Uri.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("RSA-OAEP-256", body.RootElement.GetProperty("alg").GetString());
        var value = Base64Url.DecodeFromChars(body.RootElement.GetProperty("value").GetString());

        byte[] result;
        if (request.Uri.AbsolutePath.EndsWith("/wrapkey", StringComparison.Ordinal))
        {
            result = Key.Encrypt(value, RSAEncryptionPadding.OaepSHA256);
        }
        else
        {
            try
            {
                result = Key.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
            }
            catch (CryptographicException)
            {
                return Task.FromResult(KeyVaultResponses.Error(HttpStatusCode.BadRequest, KeyVaultFixtures.BadParameter));
            }
        }

        var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["kid"] = Kid, ["value"] = Base64Url.EncodeToString(result) });
        return Task.FromResult(KeyVaultResponses.Ok(json));
    }

    public void Dispose() => Key.Dispose();
}
