using System.ComponentModel.DataAnnotations;

namespace CrmRecording.Service.Options;

/// <summary>The <c>Service</c> configuration section.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    /// <summary>Where the SQLite metadata, the local key file and the local recording store live.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Behind a reverse proxy or load balancer: take the client's scheme, host and address from
    /// <c>X-Forwarded-Proto/Host/For</c>, but only from <see cref="KnownProxies"/> (loopback when empty). Twilio's
    /// signatures are then checked against the URL the proxy was asked for when <c>Twilio:PublicBaseUrl</c> is not set.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>IP addresses of the proxies whose forwarded headers are believed.</summary>
    public string[] KnownProxies { get; set; } = [];
}
