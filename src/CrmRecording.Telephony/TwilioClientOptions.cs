using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace CrmRecording.Telephony;

/// <summary>
/// The Twilio account the service places calls and records with, bound from the configuration section
/// <c>Twilio</c>. REST calls authenticate with an API key when one is set (Twilio's recommendation for
/// production), otherwise with the account SID and auth token; webhooks are always signed with the auth token.
/// </summary>
public sealed partial class TwilioClientOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Twilio";

    /// <summary>The account SID: <c>AC</c> followed by 32 hexadecimal digits.</summary>
    public string AccountSid { get; set; } = string.Empty;

    /// <summary>The account's auth token: REST credential without an API key, and always the key that signs webhooks.</summary>
    public string? AuthToken { get; set; }

    /// <summary>An API key SID (<c>SK</c> + 32 hex); with <see cref="ApiKeySecret"/> it replaces the auth token for REST calls.</summary>
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    /// <summary>The service's public URL, the base of every callback URL given to Twilio and of every signature check.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The REST API root; change it only for a stand-in.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com/");

    /// <summary>The Lookup API root; change it only for a stand-in.</summary>
    public Uri LookupBaseUrl { get; set; } = new("https://lookups.twilio.com/");

    /// <summary>The E.164 number (owned by or verified on the account) that outbound calls are placed from.</summary>
    public string? CallerId { get; set; }

    /// <summary>How many times a request that may safely be sent again is retried (see <see cref="TwilioClient"/>).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>How long a line-type lookup answer is reused; numbers are ported rarely, and each lookup is billed.</summary>
    public TimeSpan LookupCacheDuration { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Whether REST calls use the API key rather than the account's auth token.</summary>
    internal bool UsesApiKey => !string.IsNullOrWhiteSpace(ApiKeySid);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!AccountSidPattern().IsMatch(AccountSid ?? string.Empty))
        {
            yield return new ValidationResult(
                $"Twilio:{nameof(AccountSid)} must be the account SID shown in the Twilio console, AC followed by 32 hexadecimal digits (got '{Redact(AccountSid)}').",
                [nameof(AccountSid)]);
        }

        foreach (var result in CredentialErrors())
        {
            yield return result;
        }

        foreach (var (name, url) in ((string, Uri?)[])[(nameof(PublicBaseUrl), PublicBaseUrl), (nameof(ApiBaseUrl), ApiBaseUrl), (nameof(LookupBaseUrl), LookupBaseUrl)])
        {
            if (UrlError(name, url) is { } error)
            {
                yield return new ValidationResult(error, [name]);
            }
        }

        if (CallerId is not null && !E164Pattern().IsMatch(CallerId))
        {
            yield return new ValidationResult($"Twilio:{nameof(CallerId)} must be an E.164 number such as +14155550100 (got '{CallerId}').", [nameof(CallerId)]);
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return new ValidationResult($"Twilio:{nameof(MaxRetries)} must be between 0 and 10 (got {MaxRetries}).", [nameof(MaxRetries)]);
        }

        if (LookupCacheDuration < TimeSpan.Zero || LookupCacheDuration > TimeSpan.FromDays(365))
        {
            yield return new ValidationResult($"Twilio:{nameof(LookupCacheDuration)} must be between 0 and 365 days (got {LookupCacheDuration}).", [nameof(LookupCacheDuration)]);
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate(new ValidationContext(this)).Select(r => r.ErrorMessage).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Twilio options: " + string.Join(" ", errors), "options");
        }
    }

    /// <summary>Names the account and the credential kind, never a secret.</summary>
    public override string ToString() =>
        $"Twilio account {AccountSid} ({(UsesApiKey ? $"API key {ApiKeySid}" : "auth token")}) via {ApiBaseUrl}";

    private IEnumerable<ValidationResult> CredentialErrors()
    {
        var hasKeySid = !string.IsNullOrWhiteSpace(ApiKeySid);
        var hasKeySecret = !string.IsNullOrWhiteSpace(ApiKeySecret);
        if (hasKeySid != hasKeySecret)
        {
            yield return new ValidationResult(
                $"Twilio:{nameof(ApiKeySid)} and Twilio:{nameof(ApiKeySecret)} go together: set both (an API key from the Twilio console) or neither.",
                [nameof(ApiKeySid), nameof(ApiKeySecret)]);
        }

        if (hasKeySid && !ApiKeySidPattern().IsMatch(ApiKeySid!))
        {
            yield return new ValidationResult($"Twilio:{nameof(ApiKeySid)} must be SK followed by 32 hexadecimal digits (got '{Redact(ApiKeySid)}').", [nameof(ApiKeySid)]);
        }

        if (string.IsNullOrWhiteSpace(AuthToken))
        {
            yield return new ValidationResult(
                $"Twilio:{nameof(AuthToken)} is required: it signs every webhook Twilio sends (and authenticates REST calls when no API key is set). Copy it from the Twilio console.",
                [nameof(AuthToken)]);
        }
    }

    private static string? UrlError(string name, Uri? url)
    {
        if (url is null)
        {
            return name == nameof(PublicBaseUrl) ? null : $"Twilio:{name} is required.";
        }

        if (!url.IsAbsoluteUri)
        {
            return $"Twilio:{name} must be an absolute URL (got '{url}').";
        }

        var localStandIn = url.Scheme == Uri.UriSchemeHttp && url.IsLoopback;
        if (url.Scheme != Uri.UriSchemeHttps && !localStandIn)
        {
            return $"Twilio:{name} must use https (plain http only for a loopback stand-in) (got '{url}').";
        }

        return url.Query.Length > 0 || url.Fragment.Length > 0 ? $"Twilio:{name} must not carry a query or fragment (got '{url}')." : null;
    }

    /// <summary>Enough of an identifier to recognise a typo without echoing a value that may be a secret pasted in the wrong key.</summary>
    private static string Redact(string? value) => value is null ? string.Empty : value.Length <= 6 ? value : value[..6] + "...";

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex("^SK[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeySidPattern();

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164Pattern();
}
