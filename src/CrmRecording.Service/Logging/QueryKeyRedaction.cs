using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Logging;

/// <summary>
/// Keeps the Dataverse webhook key out of every log: Dataverse may present it as <c>?code=</c>, and ASP.NET Core's
/// request logging, Kestrel and routing write request URLs at Information level and below. Every logger the
/// service creates goes through <see cref="RedactingLoggerFactory"/>, which replaces the value of any <c>code=</c>
/// query parameter in messages, structured values and scopes before any provider sees them. The Salesforce
/// notification secret travels as the last path segment of <c>/webhooks/salesforce/{secret}</c>, and a playback link's
/// token as the segment after <c>/media/</c>; both are replaced the same way.
/// </summary>
internal static partial class QueryKeyRedaction
{
    public const string Replacement = "[redacted]";

    /// <summary>Replaces the service's logger factory with one that redacts; registered after logging is set up, so it wins.</summary>
    public static IServiceCollection AddQueryKeyRedaction(this IServiceCollection services) =>
        services.AddSingleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));

    /// <summary>Cheap test first: most log lines carry no query string at all.</summary>
    public static bool Applies(string? text) =>
        text is not null
        && ((text.Contains("code=", StringComparison.OrdinalIgnoreCase) && CodeValue().IsMatch(text))
            || (text.Contains("/webhooks/salesforce/", StringComparison.OrdinalIgnoreCase) && PathSecret().IsMatch(text))
            || (text.Contains("/media/", StringComparison.OrdinalIgnoreCase) && MediaToken().IsMatch(text)));

    public static string Redact(string text) => MediaToken().Replace(PathSecret().Replace(CodeValue().Replace(text, Replacement), Replacement), Replacement);

    /// <summary>The segment after <c>/webhooks/salesforce/</c>, up to the next separator.</summary>
    [GeneratedRegex(@"(?<=/webhooks/salesforce/)(?!\[redacted\])[^/?#\s""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathSecret();

    /// <summary>A playback link's token, the segment after <c>/media/</c>: whoever holds it may listen until it expires.</summary>
    [GeneratedRegex(@"(?<=/media/)(?!\[redacted\])[^/?#\s""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MediaToken();

    /// <summary>The value of a <c>code</c> parameter after <c>?</c>, <c>&amp;</c> or <c>;</c>, up to the next separator.</summary>
    [GeneratedRegex(@"(?<=[?&;]code=)(?!\[redacted\])[^&#\s""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeValue();
}
