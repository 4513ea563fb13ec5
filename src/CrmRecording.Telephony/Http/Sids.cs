using System.Text.RegularExpressions;

namespace CrmRecording.Telephony.Http;

/// <summary>Argument checks for identifiers that become URL path segments: a malformed one never reaches Twilio.</summary>
internal static partial class Sids
{
    /// <summary>Twilio SIDs are a two-letter type prefix (CA call, RE recording) and 32 hexadecimal digits.</summary>
    public static bool IsValid(string? sid, string prefix) =>
        sid is { Length: 34 } && sid.StartsWith(prefix, StringComparison.Ordinal) && HexPattern().IsMatch(sid.AsSpan(2));

    public static void ThrowIfInvalid(string? sid, string prefix, string paramName)
    {
        if (!IsValid(sid, prefix))
        {
            throw new ArgumentException($"Expected a Twilio SID: {prefix} followed by 32 hexadecimal digits.", paramName);
        }
    }

    public static void ThrowIfNotE164(string? number, string paramName)
    {
        if (number is null || !E164Pattern().IsMatch(number))
        {
            throw new ArgumentException("Expected an E.164 number: + followed by up to 15 digits.", paramName);
        }
    }

    /// <summary>A call goes to an E.164 number, or to a Twilio Client or SIP address.</summary>
    public static void ThrowIfNotAddress(string? to, string paramName)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            throw new ArgumentException("To is required.", paramName);
        }

        if (!to.StartsWith("client:", StringComparison.Ordinal) && !to.StartsWith("sip:", StringComparison.Ordinal))
        {
            ThrowIfNotE164(to, paramName);
        }
    }

    [GeneratedRegex("^[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164Pattern();
}
