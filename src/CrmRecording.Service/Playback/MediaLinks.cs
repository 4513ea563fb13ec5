using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CrmRecording.Service.Auth;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Playback;

/// <summary>
/// Short-lived links to a recording's audio for the player's <c>&lt;audio&gt;</c> element, which cannot send an
/// Authorization header: <c>/media/{token}</c>, where the token seals (AES-256-GCM) the recording id, the caller's
/// identity as the bearer token gave it, and an expiry. The link is bound to that user and recording; every use is
/// checked against the CRM roles again and audited like any listen. A token cannot be guessed, forged or re-pointed.
/// </summary>
internal sealed class MediaLinks
{
    private const string Version = "m1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public MediaLinks(IOptions<PlaybackOptions> options, TimeProvider time)
    {
        _time = time;
        _lifetime = TimeSpan.FromMinutes(options.Value.MediaLinkMinutes);
        _key = options.Value.MediaLinkKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : RandomNumberGenerator.GetBytes(32);
        if (_key.Length != 32)
        {
            throw new InvalidOperationException("Playback:MediaLinkKey must be the base64 of 32 bytes.");
        }
    }

    /// <summary>A link for <paramref name="caller"/> to <paramref name="recordingId"/>, and when it lapses.</summary>
    public (string Path, DateTimeOffset ExpiresAt) Issue(string recordingId, CallerIdentity caller)
    {
        var expires = _time.GetUtcNow() + _lifetime;
        var payload = string.Join('\n', Version, recordingId, caller.EntraObjectId?.ToString("D") ?? string.Empty,
            expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), caller.Subject, caller.Issuer);
        var plain = Encoding.UTF8.GetBytes(payload);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.ASCII.GetBytes(Version));
        return ($"/media/{Base64Url.EncodeToString(sealedBytes)}", expires);
    }

    /// <summary>Opens a token: the recording and the caller it was issued to, or why it cannot be used.</summary>
    public MediaLinkOpening Open(string token)
    {
        if (token.Length is < 40 or > 2048 || !Base64Url.IsValid(token))
        {
            return MediaLinkOpening.Fail("This is not a media link.");
        }

        var sealedBytes = Base64Url.DecodeFromChars(token);
        if (sealedBytes.Length <= NonceBytes + TagBytes)
        {
            return MediaLinkOpening.Fail("This is not a media link.");
        }

        var plainLength = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[plainLength];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plainLength), sealedBytes.AsSpan(NonceBytes + plainLength), plain, Encoding.ASCII.GetBytes(Version));
        }
        catch (AuthenticationTagMismatchException)
        {
            return MediaLinkOpening.Fail("This media link was not issued by this service, or it was altered.");
        }

        var parts = Encoding.UTF8.GetString(plain).Split('\n');
        if (parts.Length != 6 || parts[0] != Version || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return MediaLinkOpening.Fail("This is not a media link.");
        }

        if (_time.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(expiresAt))
        {
            return MediaLinkOpening.Fail("This media link has expired; the player asks for a new one.");
        }

        var claims = new List<Claim> { new(CallerIdentity.SubjectClaim, parts[4], ClaimValueTypes.String, parts[5]) };
        if (parts[2].Length > 0)
        {
            claims.Add(new Claim(CallerIdentity.ObjectIdClaim, parts[2], ClaimValueTypes.String, parts[5]));
        }

        return new MediaLinkOpening(parts[1], new ClaimsPrincipal(new ClaimsIdentity(claims, "media-link")), null);
    }
}

/// <summary>The recording and caller a media link names, or the reason it cannot be used.</summary>
internal sealed record MediaLinkOpening(string? RecordingId, ClaimsPrincipal? Caller, string? Problem)
{
    public static MediaLinkOpening Fail(string problem) => new(null, null, problem);
}
