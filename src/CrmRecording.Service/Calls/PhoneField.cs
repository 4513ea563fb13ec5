using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Service.Calls;

/// <summary>
/// A customer's phone number as the call store keeps it: AES-256-GCM under the call store's field key, bound to the
/// call's id (a number cannot be moved to another call unnoticed): <c>enc1:</c> base64(nonce 12 ‖ ciphertext ‖ tag 16).
/// </summary>
internal static class PhoneField
{
    private const string Prefix = "enc1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Protect(byte[] key, string callId, string number)
    {
        var plaintext = Encoding.UTF8.GetBytes(number);
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), Associated(callId));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">The value was altered, belongs to another call, or the key is not the one it was sealed with.</exception>
    public static string Unprotect(byte[] key, string callId, string stored)
    {
        var sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plaintext, Associated(callId));
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>What may be shown in place of the number: its last four digits (<c>***0101</c>).</summary>
    public static string Redact(string number) =>
        number.Length <= 4 || IsProtected(number) ? "***" : "***" + number[^4..];

    private static byte[] Associated(string callId) => Encoding.UTF8.GetBytes("crmrec call phone " + callId);
}
