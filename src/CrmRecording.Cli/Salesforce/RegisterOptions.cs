using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CrmRecording.Cli.Salesforce;

/// <summary>What <c>crmrec salesforce register</c> writes into the package: the service's URL, the run-as user of its outbound messages and the notification secret.</summary>
internal sealed partial record RegisterOptions(Uri Service, string IntegrationUser, string Secret)
{
    public const string NotificationPath = "/webhooks/salesforce/";
    public const string DialerPath = "/crm/salesforce/dialer";
    public const int MinSecretLength = 24;

    public string NotificationUrl => $"{Base}{NotificationPath}{Secret}";

    public string DialerUrl => $"{Base}{DialerPath}";

    public string Base => Service.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <exception cref="UsageException">An option is not usable; the option is named.</exception>
    public static RegisterOptions Parse(string url, string? integrationUser, string? secret)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var service) || service.Scheme != Uri.UriSchemeHttps || service.Query.Length > 0 || service.Fragment.Length > 0)
        {
            throw new UsageException($"--url: '{url}' is not an https URL without query; Salesforce sends outbound messages and loads the softphone over https only.");
        }

        if (string.IsNullOrWhiteSpace(integrationUser) || !integrationUser.Contains('@', StringComparison.Ordinal))
        {
            throw new UsageException("--integration-user: the username (user@example.com) of the org user outbound messages are sent as; Salesforce requires one that exists in the org. Use the media service's integration user.");
        }

        secret ??= Base64Url(RandomNumberGenerator.GetBytes(32));
        if (secret.Length < MinSecretLength || !SecretText().IsMatch(secret))
        {
            throw new UsageException($"--secret: at least {MinSecretLength} characters of A-Z, a-z, 0-9, '-' and '_' (it is a URL path segment).");
        }

        return new RegisterOptions(service, integrationUser.Trim(), secret);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SecretText();
}
