using CrmRecording.Service.Logging;

namespace CrmRecording.Service.Telemetry;

/// <summary>
/// What a span may say about a request path: the secrets that travel in paths (a playback link's <c>/media/{token}</c>,
/// the Salesforce notification secret) are replaced, as in the logs.
/// </summary>
internal static class TelemetryRedaction
{
    public static string Path(PathString path) => path.Value is { } text && QueryKeyRedaction.Applies(text) ? QueryKeyRedaction.Redact(text) : path.Value ?? string.Empty;
}
