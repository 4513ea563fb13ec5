using System.ComponentModel.DataAnnotations;

namespace CrmRecording.Service.Options;

/// <summary>The <c>Dataverse</c> configuration section: how webhooks are authenticated and which CRM the service talks to.</summary>
public sealed class DataverseOptions : IValidatableObject
{
    public const string Section = "Dataverse";

    /// <summary><c>sandbox</c> (the local Dataverse stand-in, the default) or <c>remote</c> (a real environment).</summary>
    public string Mode { get; set; } = "sandbox";

    /// <summary>
    /// The secret Dataverse sends with each webhook, as <c>?code=</c> (WebhookKey) or in <see cref="WebhookHeaderName"/> (HttpHeader).
    /// Required in remote mode; generated at start in the sandbox.
    /// </summary>
    public string? WebhookKey { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string WebhookHeaderName { get; set; } = "x-crr-webhook-key";

    /// <summary>Larger bodies are refused with 413 before they are read.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    public Uri? EnvironmentUrl { get; set; }

    /// <summary>How often the client retries a throttled (429) or unavailable (503) request itself before the outbox takes over.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode is not ("sandbox" or "remote"))
        {
            yield return new ValidationResult($"Dataverse:Mode '{Mode}' is not sandbox or remote.", [nameof(Mode)]);
        }

        if (Mode == "remote")
        {
            if (string.IsNullOrWhiteSpace(WebhookKey) || WebhookKey.Length < 24)
            {
                yield return new ValidationResult("Dataverse:WebhookKey must be set to a secret of at least 24 characters in remote mode (the value registered on the service endpoint).", [nameof(WebhookKey)]);
            }

            if (EnvironmentUrl is null || EnvironmentUrl.Scheme != Uri.UriSchemeHttps)
            {
                yield return new ValidationResult("Dataverse:EnvironmentUrl must be the https URL of the environment (https://org.crm.dynamics.com) in remote mode.", [nameof(EnvironmentUrl)]);
            }

            foreach (var (name, value) in new[] { (nameof(TenantId), TenantId), (nameof(ClientId), ClientId), (nameof(ClientSecret), ClientSecret) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    yield return new ValidationResult($"Dataverse:{name} is required in remote mode (the application user's app registration).", [name]);
                }
            }
        }
    }
}
