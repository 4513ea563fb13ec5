using System.Text.RegularExpressions;
using CrmRecording.Service.Logging;

namespace CrmRecording.Service.Telemetry;

/// <summary>
/// What a span may say about a request path: the secrets that travel in paths (a playback link's <c>/media/{token}</c>,
/// the Salesforce notification secret) are replaced, as in the logs.
/// </summary>
internal static partial class TelemetryRedaction
{
    public static string Path(PathString path)
    {
        var text = path.Value ?? string.Empty;
        text = MediaToken().Replace(text, QueryKeyRedaction.Replacement);
        return QueryKeyRedaction.Applies(text) ? QueryKeyRedaction.Redact(text) : text;
    }

    [GeneratedRegex(@"(?<=/media/)[^/?#]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MediaToken();
}
