using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CrmRecording.Service.Auth;

/// <summary>
/// One trusted token issuer. Signing keys come either from OpenID Connect discovery (<see cref="MetadataAddress"/>,
/// as for Microsoft Entra ID) or from a shared HS256 key (<see cref="SigningKey"/>, for test and lab setups).
/// </summary>
public sealed class TokenIssuerOptions
{
    /// <summary>The exact <c>iss</c> value, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The <c>aud</c> value tokens must carry: the playback API's application id URI or client id.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>
    /// The OpenID Connect discovery document, e.g.
    /// <c>https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration</c>; keys are read from
    /// its <c>jwks_uri</c>, cached and refreshed. Must be https (plain http only on loopback).
    /// </summary>
    public Uri? MetadataAddress { get; set; }

    /// <summary>A base64 HS256 key of at least 256 bits; never logged.</summary>
    public string? SigningKey { get; set; }

    /// <summary>True when the key is shared rather than published by discovery.</summary>
    public bool IsSymmetric => !string.IsNullOrEmpty(SigningKey);

    /// <summary>The decoded <see cref="SigningKey"/>; null when it is not valid base64.</summary>
    public byte[]? SigningKeyBytes()
    {
        if (string.IsNullOrEmpty(SigningKey))
        {
            return null;
        }

        var buffer = new byte[SigningKey.Length];
        return Convert.TryFromBase64String(SigningKey, buffer, out var written) ? buffer[..written] : null;
    }

    internal IEnumerable<ValidationResult> Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(Issuer))
        {
            yield return new ValidationResult($"{path}:Issuer is required (the exact iss of the tokens).", [nameof(Issuer)]);
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return new ValidationResult($"{path}:Audience is required (the aud the playback API's tokens carry).", [nameof(Audience)]);
        }

        if ((MetadataAddress is null) == string.IsNullOrEmpty(SigningKey))
        {
            yield return new ValidationResult($"{path} must set exactly one of MetadataAddress (OpenID Connect discovery) and SigningKey (base64 HS256 key).", [nameof(MetadataAddress), nameof(SigningKey)]);
        }

        if (MetadataAddress is { } metadata && !(metadata.IsAbsoluteUri && (metadata.Scheme == Uri.UriSchemeHttps || (metadata.Scheme == Uri.UriSchemeHttp && IsLoopback(metadata)))))
        {
            yield return new ValidationResult($"{path}:MetadataAddress must be an absolute https URL (http only on loopback).", [nameof(MetadataAddress)]);
        }

        if (!string.IsNullOrEmpty(SigningKey) && SigningKeyBytes() is not { Length: >= 32 })
        {
            yield return new ValidationResult($"{path}:SigningKey must be base64 of at least 32 bytes (HS256 needs a 256-bit key).", [nameof(SigningKey)]);
        }
    }

    internal static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
