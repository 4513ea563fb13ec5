using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace CrmRecording.Dataverse;

/// <summary>
/// Where the Dataverse environment is and how the service signs in to it: Entra client credentials
/// (a secret or a certificate) for a real environment, or a fixed bearer token for the local stand-in.
/// </summary>
public sealed partial class DataverseClientOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Dataverse";

    /// <summary>The environment root, e.g. <c>https://org.crm.dynamics.com</c>; plain http only for a loopback stand-in.</summary>
    public Uri? EnvironmentUrl { get; set; }

    /// <summary>The Web API version in the path, <c>v9.2</c> by default.</summary>
    public string ApiVersion { get; set; } = "v9.2";

    /// <summary>The Entra tenant (GUID or verified domain) of the application user.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id registered in Entra and added to Dataverse as an application user.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A PKCS#12 (.pfx) file holding the client certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The thumbprint of a client certificate in the current user's personal store.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>The Entra sign-in host; change it only for a national cloud.</summary>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com");

    /// <summary>A fixed bearer token, for the local Dataverse stand-in only; excludes the Entra credentials.</summary>
    public string? StaticAccessToken { get; set; }

    /// <summary>How many times a throttled (429) or unavailable (503) request is sent again, honouring Retry-After.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Rows per page asked with <c>Prefer: odata.maxpagesize</c>; Dataverse serves at most 5,000.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>The environment root without a trailing slash, e.g. <c>https://org.crm.dynamics.com</c>.</summary>
    internal string Root => EnvironmentUrl!.GetLeftPart(UriPartial.Authority);

    /// <summary>The Web API base, e.g. <c>https://org.crm.dynamics.com/api/data/v9.2/</c>.</summary>
    internal Uri ApiBase => new($"{Root}/api/data/{ApiVersion}/");

    /// <summary>The client-credentials scope: the environment's resource id followed by <c>/.default</c>.</summary>
    internal string Scope => $"{Root}/.default";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in EnvironmentErrors())
        {
            yield return new ValidationResult(error, [nameof(EnvironmentUrl)]);
        }

        if (!ApiVersionPattern().IsMatch(ApiVersion ?? string.Empty))
        {
            yield return new ValidationResult($"{nameof(ApiVersion)} must look like v9.2 (got '{ApiVersion}').", [nameof(ApiVersion)]);
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return new ValidationResult($"{nameof(MaxRetries)} must be between 0 and 10 (got {MaxRetries}).", [nameof(MaxRetries)]);
        }

        if (PageSize is < 1 or > 5000)
        {
            yield return new ValidationResult($"{nameof(PageSize)} must be between 1 and 5000, the most Dataverse serves per page (got {PageSize}).", [nameof(PageSize)]);
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
            throw new ArgumentException("Invalid Dataverse options: " + string.Join(" ", errors), "options");
        }
    }

    private IEnumerable<string> EnvironmentErrors()
    {
        const string Example = "such as https://org.crm.dynamics.com";
        if (EnvironmentUrl is null)
        {
            yield return $"{nameof(EnvironmentUrl)} is required, {Example}.";
            yield break;
        }

        if (!EnvironmentUrl.IsAbsoluteUri)
        {
            yield return $"{nameof(EnvironmentUrl)} must be an absolute URL {Example} (got '{EnvironmentUrl}').";
            yield break;
        }

        var secure = EnvironmentUrl.Scheme == Uri.UriSchemeHttps;
        var localStandIn = EnvironmentUrl.Scheme == Uri.UriSchemeHttp && EnvironmentUrl.IsLoopback;
        if (!secure && !localStandIn)
        {
            yield return $"{nameof(EnvironmentUrl)} must use https (plain http is accepted only for a loopback stand-in) (got '{EnvironmentUrl}').";
        }

        if (EnvironmentUrl.AbsolutePath != "/" || EnvironmentUrl.Query.Length > 0 || EnvironmentUrl.Fragment.Length > 0)
        {
            yield return $"{nameof(EnvironmentUrl)} must be the environment root without a path, {Example} (got '{EnvironmentUrl}').";
        }
    }

    private IEnumerable<ValidationResult> CredentialErrors()
    {
        var secretKinds = new[] { ClientSecret, CertificatePath, CertificateThumbprint }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (!string.IsNullOrWhiteSpace(StaticAccessToken))
        {
            if (secretKinds > 0 || !string.IsNullOrWhiteSpace(TenantId) || !string.IsNullOrWhiteSpace(ClientId))
            {
                yield return new ValidationResult(
                    $"{nameof(StaticAccessToken)} (for the local stand-in) cannot be combined with {nameof(TenantId)}, {nameof(ClientId)}, {nameof(ClientSecret)} or a certificate: set one or the other.",
                    [nameof(StaticAccessToken)]);
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(TenantId))
        {
            yield return new ValidationResult($"{nameof(TenantId)} is required (the Entra tenant id or domain), unless {nameof(StaticAccessToken)} is set for the local stand-in.", [nameof(TenantId)]);
        }

        if (!Guid.TryParse(ClientId, out _))
        {
            yield return new ValidationResult($"{nameof(ClientId)} must be the application (client) id, a GUID (got '{ClientId}').", [nameof(ClientId)]);
        }

        if (secretKinds != 1)
        {
            yield return new ValidationResult(
                $"Exactly one of {nameof(ClientSecret)}, {nameof(CertificatePath)} or {nameof(CertificateThumbprint)} must be set (got {secretKinds}).",
                [nameof(ClientSecret), nameof(CertificatePath), nameof(CertificateThumbprint)]);
        }

        if (!string.IsNullOrEmpty(CertificatePassword) && string.IsNullOrWhiteSpace(CertificatePath))
        {
            yield return new ValidationResult($"{nameof(CertificatePassword)} applies only with {nameof(CertificatePath)}.", [nameof(CertificatePassword)]);
        }

        if (!AuthorityHost.IsAbsoluteUri || AuthorityHost.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult($"{nameof(AuthorityHost)} must be an absolute https URL (got '{AuthorityHost}').", [nameof(AuthorityHost)]);
        }
    }

    [GeneratedRegex(@"^v\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();
}
