using System.Security.Cryptography;
using CrmRecording.Cli.Solution;
using CrmRecording.Dataverse;

namespace CrmRecording.Cli.Dataverse;

/// <summary>What <c>crmrec dataverse register</c> works with, each input checked and named when wrong.</summary>
internal sealed record RegisterSettings(
    Uri ServiceUrl,
    Uri WebhookUrl,
    string? Key,
    bool KeyGenerated,
    Guid ServiceEndpointId,
    string ServiceEndpointName,
    DataverseClientOptions Client,
    int ChannelOrder = 0)
{
    /// <summary>The media service's webhook route, appended to --url.</summary>
    public const string WebhookPath = "/webhooks/dataverse";

    /// <summary>The media service refuses a shorter key (Dataverse:WebhookKey); Dataverse stores at most 2,048 characters.</summary>
    public const int MinKeyLength = 24;

    public const int MaxKeyLength = 2048;

    /// <exception cref="UsageException">An option, pac.config key or environment variable is missing or wrong; the message names it.</exception>
    public static RegisterSettings Resolve(RegisterInput input, Func<string, string?> environment)
    {
        var serviceUrl = ParseServiceUrl(input.Url);
        if (input.ChannelOrder < 0)
        {
            throw new UsageException($"--channel-order: must be 0 or more (got {input.ChannelOrder}); the lowest order is shown first.");
        }

        if (input.Key is { } key && (key.Length is < MinKeyLength or > MaxKeyLength || key.Any(char.IsWhiteSpace)))
        {
            throw new UsageException($"--key: must be {MinKeyLength} to {MaxKeyLength} characters without spaces (got {key.Length} characters); leave it out to have one generated.");
        }

        var config = PacConfig.Load(ConfigPath(input));
        var environmentUrl = EnvironmentUrl(input.Environment, config);
        var generated = input.Key is null && !input.DryRun;
        return new RegisterSettings(
            serviceUrl,
            new Uri(serviceUrl.AbsoluteUri.TrimEnd('/') + WebhookPath),
            input.Key ?? (generated ? NewKey() : null),
            generated,
            ServiceEndpointIds.Read(config),
            config.ServiceEndpointName,
            ClientOptions(environmentUrl, environment),
            input.ChannelOrder);
    }

    /// <summary>The media service's base URL (<c>https://media.contoso.com</c>, or with its path prefix), checked; pages and the webhook hang below it.</summary>
    private static Uri ParseServiceUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new UsageException($"--url: '{text}' is not the media service's URL; write it as https://media.contoso.com.");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            throw new UsageException($"--url: '{text}' must use https: Dataverse sends the webhook key in the URL.");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new UsageException($"--url: '{text}' must not carry a query, fragment or user name; Dataverse adds ?code=KEY itself.");
        }

        return new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    private static string ConfigPath(RegisterInput input)
    {
        var path = input.Config is { } explicitConfig
            ? Path.GetFullPath(explicitConfig, input.WorkingDirectory)
            : PacConfig.Find(input.WorkingDirectory)
              ?? throw new UsageException($"--config: no {PacConfig.FileName} in {input.WorkingDirectory} or any folder above it; run from the repository or name the file.");
        return File.Exists(path) ? path : throw new UsageException($"--config: {path} does not exist.");
    }

    private static Uri EnvironmentUrl(string? text, PacConfig config)
    {
        if (text is null)
        {
            return config.EnvironmentUrl
                ?? throw new UsageException($"--environment: not given and {config.Path} has no environmentUrl; name the environment, e.g. https://yourorg.crm.dynamics.com.");
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url)
            ? url
            : throw new UsageException($"--environment: '{text}' is not a URL; write it as https://yourorg.crm.dynamics.com.");
    }

    private static DataverseClientOptions ClientOptions(Uri environmentUrl, Func<string, string?> environment)
    {
        var options = new DataverseClientOptions
        {
            EnvironmentUrl = environmentUrl,
            StaticAccessToken = Blank(environment("Dataverse__StaticAccessToken")),
        };
        if (options.StaticAccessToken is null)
        {
            options.TenantId = Blank(environment("Dataverse__TenantId"));
            options.ClientId = Blank(environment("Dataverse__ClientId"));
            options.ClientSecret = Blank(environment("Dataverse__ClientSecret"));
            if (options.TenantId is null || options.ClientId is null || options.ClientSecret is null)
            {
                throw new UsageException(
                    "Dataverse credentials: set Dataverse__TenantId, Dataverse__ClientId and Dataverse__ClientSecret (an application user with the System Customizer role), or Dataverse__StaticAccessToken for the local stand-in.");
            }
        }

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(e => e.ErrorMessage).ToList();
        if (errors.Count > 0)
        {
            var option = errors.Any(e => e!.StartsWith(nameof(DataverseClientOptions.EnvironmentUrl), StringComparison.Ordinal)) ? "--environment" : "Dataverse credentials";
            throw new UsageException($"{option}: {string.Join(" ", errors)}");
        }

        return options;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>32 random bytes, base64url: 43 characters, safe in a query string.</summary>
    private static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
