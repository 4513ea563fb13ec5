using System.Net;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox mints tokens for any seeded user and runs stand-ins with well-known credentials: it is for one
/// person on one machine. It binds to loopback only and does not run in the Production environment, unless
/// <c>Sandbox:AllowNonLoopback</c> or <c>Sandbox:AllowInProduction</c> says so explicitly.
/// </summary>
internal static class SandboxExposure
{
    /// <exception cref="OptionsValidationException">A non-loopback URL or the Production environment, not allowed.</exception>
    public static void Check(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<string>();
        if (!configuration.GetValue("Sandbox:AllowNonLoopback", false))
        {
            var urls = (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
            foreach (var url in urls.Where(u => !IsLoopback(u)))
            {
                problems.Add($"The sandbox listens on loopback only, and '{url}' is not: use http://127.0.0.1:PORT, switch to remote mode (Dataverse:Mode=remote), or set Sandbox:AllowNonLoopback=true if you really mean to expose it.");
            }
        }

        if (environment.IsProduction() && !configuration.GetValue("Sandbox:AllowInProduction", false))
        {
            problems.Add("The sandbox does not run in the Production environment: set Dataverse:Mode=remote with your CRM's settings, run with ASPNETCORE_ENVIRONMENT=Development, or set Sandbox:AllowInProduction=true.");
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException("Sandbox", typeof(SandboxDataverse), problems);
        }
    }

    internal static bool IsLoopback(string url)
    {
        // Kestrel's wildcards (http://*:80, http://+:80) are not valid URIs; they bind everywhere.
        if (!Uri.TryCreate(url.Replace("*", "wildcard.invalid", StringComparison.Ordinal).Replace("+", "wildcard.invalid", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
