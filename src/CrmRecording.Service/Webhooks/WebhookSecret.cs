using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Service.Webhooks;

/// <summary>
/// The shared secret Dataverse presents on every webhook call (Dataverse does not sign requests).
/// Compared in constant time: both sides are hashed first, so neither length nor content leaks through timing.
/// </summary>
public sealed class WebhookSecret
{
    private readonly byte[] _hash;

    public WebhookSecret(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>The secret itself, for registering the service endpoint; never logged.</summary>
    public string Value { get; }

    public static WebhookSecret Generate() => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    public override string ToString() => "(webhook secret)";
}
