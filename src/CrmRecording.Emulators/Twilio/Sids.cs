using System.Buffers;
using System.Security.Cryptography;

namespace CrmRecording.Emulators.Twilio;

/// <summary>Twilio resource identifiers: a two-letter type prefix (CA call, RE recording) and 32 lowercase hex digits.</summary>
internal static class Sids
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? sid, string prefix) =>
        sid is { Length: 34 } && sid.StartsWith(prefix, StringComparison.Ordinal) && !sid.AsSpan(2).ContainsAnyExcept(HexDigits);
}
