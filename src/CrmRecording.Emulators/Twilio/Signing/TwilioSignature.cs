using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Emulators.Twilio.Signing;

/// <summary>
/// The <c>X-Twilio-Signature</c> of a webhook request (https://www.twilio.com/docs/usage/security#validating-requests):
/// Base64 of HMAC-SHA1 keyed with the auth token over the full URL as requested, followed by every POST parameter
/// name and value, sorted by name (ordinal), with no delimiters. GET requests sign the URL alone.
/// </summary>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentNullException.ThrowIfNull(parameters);
        var data = new StringBuilder(url);
        // A stable sort keeps repeated names in the order they were sent, as Twilio's helper libraries do.
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio defines the signature as HMAC-SHA1; the algorithm is not ours to choose.
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>Compares a received signature with the expected one in constant time.</summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(authToken, url, parameters)),
            Encoding.ASCII.GetBytes(signature));
}
