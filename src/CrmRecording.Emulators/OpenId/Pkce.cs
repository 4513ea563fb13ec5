using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Emulators.OpenId;

/// <summary>Proof Key for Code Exchange (RFC 7636), S256 only: the plain method protects nothing once the request is seen.</summary>
internal static class Pkce
{
    /// <summary>A challenge is BASE64URL(SHA256(verifier)): 43 characters of the base64url alphabet.</summary>
    public static bool IsWellFormedChallenge(string? challenge) =>
        challenge is { Length: 43 } && challenge.All(IsBase64UrlChar);

    /// <summary>A verifier is 43 to 128 unreserved characters (RFC 7636 4.1).</summary>
    public static bool IsWellFormedVerifier(string? verifier) =>
        verifier is { Length: >= 43 and <= 128 } && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    public static bool Matches(string verifier, string challenge)
    {
        var computed = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
