namespace CrmRecording.Emulators.Dataverse;

/// <summary>Settings of a <see cref="DataverseStandIn"/>; the defaults give a seeded organization on a free loopback port.</summary>
public sealed class DataverseStandInOptions
{
    /// <summary>The loopback port to listen on; 0 (the default) takes a free one.</summary>
    public int Port { get; set; }

    /// <summary>The only bearer token the Web API accepts (compared in constant time).</summary>
    public string BearerToken { get; set; } = "stand-in-access-token";

    /// <summary>Named in the <c>WWW-Authenticate</c> challenge of a 401, as Dataverse names the environment's tenant.</summary>
    public Guid TenantId { get; set; } = Seed.SeedData.TenantId;

    public Guid OrganizationId { get; set; } = Seed.SeedData.OrganizationId;

    public string OrganizationName { get; set; } = "crmrecording";

    /// <summary>
    /// The <c>x-ms-dynamics-organization</c> header of webhook requests ("the domain name of the
    /// environment"). Null means the stand-in's own host.
    /// </summary>
    public string? OrganizationDomain { get; set; }

    /// <summary>The user the bearer token stands for: owner and modifier of what the Web API writes, <c>UserId</c> of webhook contexts.</summary>
    public Guid CallerUserId { get; set; } = Seed.SeedData.Users.Application;

    /// <summary>Load <see cref="Seed.SeedData"/> at start.</summary>
    public bool LoadSeedData { get; set; } = true;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Sends webhook requests; null uses a socket handler owned by the stand-in. Tests may route to an in-memory host.</summary>
    public HttpMessageHandler? WebhookHandler { get; set; }

    /// <summary>Dataverse waits 60 seconds for a webhook to answer.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When a synchronous step fails, answer the Web API caller with the message found in the webhook's
    /// response body (ProblemDetails <c>detail</c>/<c>title</c>, <c>error.message</c>, <c>message</c> or the
    /// text). Microsoft documents that Dataverse reads only the status code of a webhook's answer, so a real
    /// environment shows a generic error instead: set false to get that.
    /// </summary>
    public bool SurfaceWebhookMessage { get; set; } = true;

    /// <summary>Dataverse's service protection limits; off unless enabled.</summary>
    public Limits.ServiceProtectionLimits ServiceProtection { get; set; } = new();

    /// <summary>
    /// Tables whose <c>UpdateMultiple</c> is refused with <c>0x80040800</c> ("The 'UpdateMultiple' method does not support
    /// entities of type …"), as on a table that has no bulk messages: Microsoft documents that many standard tables, but
    /// not all, support them and that each must be tested. By default the activity tables (phone calls and their parties);
    /// a caller writes those with <c>$batch</c> instead.
    /// </summary>
    public HashSet<string> TablesWithoutUpdateMultiple { get; } = new(StringComparer.Ordinal) { "phonecall", "task", "activityparty" };

    /// <summary>Further bearer tokens the Web API accepts, each standing for its own user (its own service protection usage).</summary>
    public Dictionary<string, Guid> OtherCallers { get; } = new(StringComparer.Ordinal);

    /// <summary>Beyond this depth steps are not called (Dataverse's loop protection stops at 8).</summary>
    public int MaxDepth { get; set; } = 8;

    /// <summary>Throws an <see cref="ArgumentException"/> naming every invalid setting.</summary>
    internal void ThrowIfInvalid()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(BearerToken))
        {
            errors.Add($"{nameof(BearerToken)} must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(OrganizationName))
        {
            errors.Add($"{nameof(OrganizationName)} must not be empty.");
        }

        if (WebhookTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(WebhookTimeout)} must be positive (got {WebhookTimeout}).");
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add($"{nameof(Port)} must be 0 (any free port) or a port number (got {Port}).");
        }

        if (MaxDepth < 1)
        {
            errors.Add($"{nameof(MaxDepth)} must be at least 1 (got {MaxDepth}).");
        }

        if (TimeProvider is null)
        {
            errors.Add($"{nameof(TimeProvider)} is required.");
        }

        errors.AddRange(ServiceProtection?.Errors() ?? [$"{nameof(ServiceProtection)} is required."]);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Dataverse stand-in options: " + string.Join(" ", errors), "options");
        }
    }
}
