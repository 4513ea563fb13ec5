using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrmRecording.Emulators.Salesforce.Auth;

/// <summary>
/// Checks a JWT bearer assertion as Salesforce does: a compact JWS signed RS256 with the app's certificate, <c>iss</c>
/// the consumer key, <c>aud</c> the login host, <c>exp</c> not passed, <c>sub</c> a username of the org.
/// Returns the username, or the OAuth error to answer (<c>invalid_grant</c>, <c>invalid_client_id</c>).
/// </summary>
internal static class JwtAssertionCheck
{
    public static (string? Username, string? Error, string? Description) Check(string assertion, RSA? key, string clientId, string audience, DateTimeOffset now)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return (null, "invalid_grant", "invalid assertion");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                return (null, "invalid_grant", "invalid assertion: only RS256 is accepted");
            }

            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (key is null || !key.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return (null, "invalid_grant", "invalid assertion: the signature does not verify with the app's certificate");
            }

            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var root = claims.RootElement;
            if (Text(root, "iss") != clientId)
            {
                return (null, "invalid_client_id", "client identifier invalid");
            }

            if (!Audiences(root).Contains(audience))
            {
                return (null, "invalid_grant", "audience is invalid");
            }

            if (!root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) <= now)
            {
                return (null, "invalid_grant", "expired authorization code");
            }

            return Text(root, "sub") is { Length: > 0 } sub ? (sub, null, null) : (null, "invalid_grant", "user hasn't approved this consumer");
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException)
        {
            return (null, "invalid_grant", "invalid assertion");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<string?> Audiences(JsonElement root) =>
        root.TryGetProperty("aud", out var aud) && aud.ValueKind == JsonValueKind.Array
            ? aud.EnumerateArray().Select(a => a.GetString())
            : [Text(root, "aud")];
}
