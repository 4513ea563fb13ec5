using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>
/// Plays Key Vault for one RSA key with real RSA-OAEP-256: its GET (the public part, as a JSON Web Key that permits
/// wrapKey and unwrapKey, or 403 when <see cref="Readable"/> is false), wrapKey and unwrapKey. Bad ciphertext gets
/// Key Vault's 400.
/// </summary>
internal sealed class RsaKeyVaultStub(string kid) : IDisposable
{
    private static readonly string[] KeyOperations = ["wrapKey", "unwrapKey"];

    public string Kid { get; } = kid;

    public RSA Key { get; } = RSA.Create(2048);

    /// <summary>Whether the caller may read the key (the <c>get</c> permission); without it the SDK wraps remotely.</summary>
    public bool Readable { get; init; } = true;

    public Task<HttpResponseMessage> Respond(RecordedRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Assert.StartsWith(Kid, request.Uri.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
        if (request.Method == HttpMethod.Get)
        {
            return Task.FromResult(Readable ? KeyVaultResponses.Ok(PublicKey()) : KeyVaultResponses.Error(HttpStatusCode.Forbidden, KeyVaultFixtures.ForbiddenByRbac));
        }

        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("RSA-OAEP-256", body.RootElement.GetProperty("alg").GetString());
        var value = Base64Url.DecodeFromChars(body.RootElement.GetProperty("value").GetString());

        byte[] result;
        if (request.Uri.AbsolutePath.EndsWith("/wrapKey", StringComparison.OrdinalIgnoreCase))
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

    /// <summary>The key bundle Get Key answers with: the public modulus and exponent only.</summary>
    private string PublicKey()
    {
        var parameters = Key.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            key = new Dictionary<string, object>
            {
                ["kid"] = Kid,
                ["kty"] = "RSA",
                ["key_ops"] = KeyOperations,
                ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            },
            attributes = new { enabled = true, recoveryLevel = "Recoverable+Purgeable" },
        });
    }

    public void Dispose() => Key.Dispose();
}
