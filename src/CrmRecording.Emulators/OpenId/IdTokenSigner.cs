using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmRecording.Emulators.OpenId;

/// <summary>
/// The provider's RS256 key, generated at start and never written anywhere: it signs ID tokens (a compact JWS,
/// RFC 7515) and is published as a JSON Web Key Set (RFC 7517) at the <c>jwks_uri</c>.
/// </summary>
internal sealed class IdTokenSigner : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);

    public IdTokenSigner()
    {
        // The RFC 7638 thumbprint: a key id that changes with the key and says nothing else.
        var p = rsa.ExportParameters(includePrivateParameters: false);
        var canonical = $$"""{"e":"{{Base64Url.EncodeToString(p.Exponent)}}","kty":"RSA","n":"{{Base64Url.EncodeToString(p.Modulus)}}"}""";
        KeyId = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public string KeyId { get; }

    public JsonObject KeySet()
    {
        var p = rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = KeyId,
                ["n"] = Base64Url.EncodeToString(p.Modulus),
                ["e"] = Base64Url.EncodeToString(p.Exponent),
            }),
        };
    }

    public string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId, ["typ"] = "JWT" };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The <c>at_hash</c> of an access token: the left half of its SHA-256, base64url (OpenID Connect Core 3.1.3.6).</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16));

    public void Dispose() => rsa.Dispose();
}
