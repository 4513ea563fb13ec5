using System.Security.Cryptography;

namespace CrmRecording.Emulators.Salesforce;

/// <summary>Settings of a <see cref="SalesforceStandIn"/>; the defaults give a seeded org on two free loopback ports.</summary>
public sealed class SalesforceStandInOptions
{
    /// <summary>The External Client App's consumer key, for both flows.</summary>
    public string ClientId { get; set; } = "3MVG9-stand-in-consumer-key";

    /// <summary>The consumer secret the client credentials flow must present (compared in constant time).</summary>
    public string ClientSecret { get; set; } = "stand-in-consumer-secret";

    /// <summary>The certificate's public key the JWT bearer flow's assertions must be signed with; null refuses that flow.</summary>
    public RSA? JwtSigningKey { get; set; }

    /// <summary>The <c>aud</c> JWT assertions must carry; null means the login host's root (<c>http://127.0.0.1:PORT</c>).</summary>
    public string? JwtAudience { get; set; }

    /// <summary>The user the client credentials flow runs as.</summary>
    public string RunAsUserId { get; set; } = Seed.SalesforceSeed.Users.Integration;

    /// <summary>The REST API versions served, lowest first; <c>/services/data/vXX.X/</c> outside them is NOT_FOUND.</summary>
    public decimal MinApiVersion { get; set; } = 31.0m;

    public decimal MaxApiVersion { get; set; } = 66.0m;

    /// <summary>Records per query page (Salesforce serves up to 2,000).</summary>
    public int QueryPageSize { get; set; } = 2000;

    /// <summary>The org's API request allocation for 24 hours, reported in <c>Sforce-Limit-Info</c>.</summary>
    public long DailyApiLimit { get; set; } = 100_000;

    public bool LoadSeedData { get; set; } = true;

    /// <summary>The wait before an unacknowledged Outbound Message is sent again; it doubles with each attempt.</summary>
    public TimeSpan OutboundMessageRetryBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts (two hours in Salesforce).</summary>
    public TimeSpan OutboundMessageRetryMax { get; set; } = TimeSpan.FromHours(2);

    /// <summary>An Outbound Message still unacknowledged at this age is dropped (24 hours in Salesforce).</summary>
    public TimeSpan OutboundMessageMaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Messages in flight at once.</summary>
    public int OutboundMessageSenders { get; set; } = 2;

    /// <summary>How long a send waits for the listener's answer.</summary>
    public TimeSpan OutboundMessageTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void ThrowIfInvalid()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret))
        {
            errors.Add($"{nameof(ClientId)} and {nameof(ClientSecret)} must not be empty.");
        }

        if (QueryPageSize is < 1 or > 2000)
        {
            errors.Add($"{nameof(QueryPageSize)} must be between 1 and 2000 (got {QueryPageSize}).");
        }

        if (DailyApiLimit < 1)
        {
            errors.Add($"{nameof(DailyApiLimit)} must be positive (got {DailyApiLimit}).");
        }

        if (OutboundMessageRetryBase <= TimeSpan.Zero || OutboundMessageRetryMax < OutboundMessageRetryBase || OutboundMessageMaxAge <= TimeSpan.Zero || OutboundMessageSenders < 1)
        {
            errors.Add("The outbound message retry base and maximum age must be positive, the maximum retry at least the base, and there must be a sender.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Salesforce stand-in options: " + string.Join(" ", errors), "options");
        }
    }
}
