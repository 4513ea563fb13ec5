using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace CrmRecording.Salesforce;

/// <summary>
/// Where the org signs in and how the service authenticates: the OAuth 2.0 client credentials flow (the External
/// Client App's consumer key and secret; runs as the app's "run as" user) or the JWT bearer flow (the consumer key,
/// a pre-authorised username and the private key of the certificate uploaded to the app). Data requests always go
/// to the <c>instance_url</c> the token endpoint returns, never to <see cref="LoginUrl"/>.
/// </summary>
public sealed partial class SalesforceClientOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Salesforce";

    /// <summary>The token endpoint's host: the org's My Domain (<c>https://acme.my.salesforce.com</c>), <c>https://login.salesforce.com</c> or <c>https://test.salesforce.com</c>.</summary>
    public Uri? LoginUrl { get; set; }

    /// <summary>The External Client App's consumer key.</summary>
    public string? ClientId { get; set; }

    /// <summary>The consumer secret: selects the client credentials flow.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The user the JWT bearer flow signs in as (<c>sub</c>); selects that flow with one of the keys below.</summary>
    public string? Username { get; set; }

    /// <summary>A PEM file holding the RSA private key whose certificate is uploaded to the app.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The same PEM text inline (e.g. from a secret store's environment variable).</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>A PKCS#12 (.pfx) file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The JWT's <c>aud</c>. Null picks Salesforce's rule: <c>https://test.salesforce.com</c> for sandboxes,
    /// <c>https://login.salesforce.com</c> for other salesforce.com hosts, otherwise the login URL's root (an Experience Cloud site).
    /// </summary>
    public Uri? Audience { get; set; }

    /// <summary>The REST API version in paths (<c>/services/data/v66.0/</c>).</summary>
    public string ApiVersion { get; set; } = "66.0";

    /// <summary>
    /// Whether the org has State and Country/Territory Picklists, so <c>MailingStateCode</c>/<c>StateCode</c> exist and are
    /// read (preferred to the free-text fields). Without them, asking for those fields is an INVALID_FIELD error.
    /// </summary>
    public bool StateAndCountryPicklists { get; set; } = true;

    /// <summary>Salesforce tokens carry no expiry: a session is used until refused (401) or this old.</summary>
    public TimeSpan SessionMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long to come back after a 503 without Retry-After.</summary>
    public TimeSpan UnavailableRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to come back after the org's rolling 24-hour API request limit is reached (403 REQUEST_LIMIT_EXCEEDED, TotalRequests).</summary>
    public TimeSpan DailyLimitRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long to come back after a concurrency limit (403 REQUEST_LIMIT_EXCEEDED for long-running requests).</summary>
    public TimeSpan ConcurrencyLimitRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Whether the JWT bearer flow is configured (else client credentials).</summary>
    public bool UsesJwtBearer => !string.IsNullOrWhiteSpace(Username);

    internal string LoginRoot => LoginUrl!.GetLeftPart(UriPartial.Authority);

    internal string ApiPath => $"/services/data/v{ApiVersion}/";

    internal string AudienceValue => Audience?.GetLeftPart(UriPartial.Authority) ?? DefaultAudience(LoginUrl!);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in LoginUrlErrors())
        {
            yield return new ValidationResult(error, [nameof(LoginUrl)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult($"{nameof(ClientId)} is required: the External Client App's consumer key.", [nameof(ClientId)]);
        }

        if (!ApiVersionPattern().IsMatch(ApiVersion ?? string.Empty))
        {
            yield return new ValidationResult($"{nameof(ApiVersion)} must look like 66.0, without the v (got '{ApiVersion}').", [nameof(ApiVersion)]);
        }

        foreach (var (name, value) in new[] { (nameof(SessionMaxAge), SessionMaxAge), (nameof(UnavailableRetryDelay), UnavailableRetryDelay), (nameof(DailyLimitRetryDelay), DailyLimitRetryDelay), (nameof(ConcurrencyLimitRetryDelay), ConcurrencyLimitRetryDelay) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"{name} must be positive (got {value}).", [name]);
            }
        }

        foreach (var result in CredentialErrors())
        {
            yield return result;
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every invalid option.</summary>
    internal void ThrowIfInvalid()
    {
        var errors = Validate(new ValidationContext(this)).Select(r => r.ErrorMessage).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Salesforce options: " + string.Join(" ", errors), "options");
        }
    }

    internal static bool IsAcceptableEndpoint(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));

    private static string DefaultAudience(Uri loginUrl)
    {
        var host = loginUrl.Host;
        if (host.Equals("test.salesforce.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".sandbox.my.salesforce.com", StringComparison.OrdinalIgnoreCase))
        {
            return "https://test.salesforce.com";
        }

        return host.EndsWith("salesforce.com", StringComparison.OrdinalIgnoreCase) ? "https://login.salesforce.com" : loginUrl.GetLeftPart(UriPartial.Authority);
    }

    private IEnumerable<string> LoginUrlErrors()
    {
        const string Example = "such as https://acme.my.salesforce.com";
        if (LoginUrl is null)
        {
            yield return $"{nameof(LoginUrl)} is required, {Example}.";
        }
        else if (!IsAcceptableEndpoint(LoginUrl))
        {
            yield return $"{nameof(LoginUrl)} must be an absolute https URL (plain http only for a loopback stand-in), {Example} (got '{LoginUrl}').";
        }
        else if (LoginUrl.AbsolutePath != "/" || LoginUrl.Query.Length > 0)
        {
            yield return $"{nameof(LoginUrl)} must be the host without a path, {Example} (got '{LoginUrl}').";
        }
    }

    private IEnumerable<ValidationResult> CredentialErrors()
    {
        var keys = new[] { PrivateKeyPath, PrivateKeyPem, CertificatePath }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (!UsesJwtBearer)
        {
            if (string.IsNullOrWhiteSpace(ClientSecret))
            {
                yield return new ValidationResult(
                    $"Set {nameof(ClientSecret)} (client credentials flow) or {nameof(Username)} with a private key (JWT bearer flow).",
                    [nameof(ClientSecret), nameof(Username)]);
            }

            if (keys > 0)
            {
                yield return new ValidationResult($"A private key or certificate is used only by the JWT bearer flow: set {nameof(Username)} too, or remove it.", [nameof(Username)]);
            }

            yield break;
        }

        if (!string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return new ValidationResult($"{nameof(ClientSecret)} and {nameof(Username)} select different flows: set one or the other.", [nameof(ClientSecret), nameof(Username)]);
        }

        if (keys != 1)
        {
            yield return new ValidationResult(
                $"The JWT bearer flow needs exactly one of {nameof(PrivateKeyPath)}, {nameof(PrivateKeyPem)} or {nameof(CertificatePath)} (got {keys}).",
                [nameof(PrivateKeyPath), nameof(PrivateKeyPem), nameof(CertificatePath)]);
        }

        if (!string.IsNullOrEmpty(CertificatePassword) && string.IsNullOrWhiteSpace(CertificatePath))
        {
            yield return new ValidationResult($"{nameof(CertificatePassword)} applies only with {nameof(CertificatePath)}.", [nameof(CertificatePassword)]);
        }

        if (Audience is { } audience && !audience.IsAbsoluteUri)
        {
            yield return new ValidationResult($"{nameof(Audience)} must be an absolute URL (got '{audience}').", [nameof(Audience)]);
        }
    }

    [GeneratedRegex(@"^\d{2,3}\.\d$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();
}
