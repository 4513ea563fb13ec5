using CrmRecording.Salesforce;
using CrmRecording.Service.Webhooks;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Crm.Salesforce;

/// <summary>
/// Who may send the org's Outbound Messages: the secret in the endpoint's path (<c>Salesforce:NotificationSecret</c>,
/// at least 24 characters in remote mode, generated in the sandbox) and the org they must name
/// (<c>Salesforce:OrganizationId</c>, the sandbox org in the sandbox). Outbound Messages are not signed, so both are checked.
/// </summary>
internal sealed class SalesforceNotificationSettings
{
    public const int MinSecretLength = 24;

    private SalesforceNotificationSettings(WebhookSecret secret, string organizationId)
    {
        Secret = secret;
        OrganizationId = organizationId;
    }

    public WebhookSecret Secret { get; }

    /// <summary>The org's 18-character id.</summary>
    public string OrganizationId { get; }

    /// <summary>Largest envelope read (100 notifications of a few dozen fields are well under it). <c>Salesforce:NotificationMaxBodyBytes</c>.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>How long a part-full batch of write-backs waits for more. <c>Salesforce:EnrichmentLingerMilliseconds</c>.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Same org: the 15-character ids compared, case-sensitively, so a 15- and an 18-character form of one org match.</summary>
    public bool IsOrganization(string presented) =>
        presented.Length is 15 or 18 && string.Equals(presented[..15], OrganizationId[..15], StringComparison.Ordinal);

    public static SalesforceNotificationSettings From(IConfiguration configuration, string mode, string? sandboxOrganizationId)
    {
        var secret = configuration["Salesforce:NotificationSecret"];
        var organization = configuration["Salesforce:OrganizationId"] ?? (mode == "sandbox" ? sandboxOrganizationId : null);
        var errors = new List<string>();
        if (mode == "remote" && (secret is null || secret.Trim().Length < MinSecretLength))
        {
            errors.Add($"Salesforce:NotificationSecret must be set to at least {MinSecretLength} characters in remote mode: it is the secret part of the org's Outbound Message endpoint /webhooks/salesforce/{{secret}}.");
        }

        if (!SalesforceId.TryParse(organization, out var org) || !org.Value.StartsWith("00D", StringComparison.Ordinal))
        {
            errors.Add("Salesforce:OrganizationId must be the org's 15- or 18-character id (00D...): Outbound Messages naming another org are refused.");
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException("Salesforce", typeof(SalesforceNotificationSettings), errors);
        }

        var configuredSecret = secret is { Length: > 0 } s && s.Trim().Length >= MinSecretLength ? new WebhookSecret(s.Trim()) : null;
        return new SalesforceNotificationSettings(configuredSecret ?? WebhookSecret.Generate(), org.Value)
        {
            MaxBodyBytes = Math.Clamp(configuration.GetValue("Salesforce:NotificationMaxBodyBytes", 1024 * 1024), 16 * 1024, 16 * 1024 * 1024),
            Linger = TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Salesforce:EnrichmentLingerMilliseconds", 500), 0, 5_000)),
        };
    }
}
