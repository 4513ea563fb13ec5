using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmRecording.Core.Reports;

/// <summary>
/// Reads what the report needs from an audit event: the user behind an actor (<c>crm-user:{guid}</c>,
/// <c>sf-user:{id}</c>) and the JSON-quoted <c>basis="…"</c> or <c>reason="…"</c> of a playback event's detail.
/// </summary>
internal static partial class AuditDetail
{
    /// <summary>Audio served (each response; a seekable player sends several per listen).</summary>
    public const string Listen = "playback";

    public const string View = "recording-viewed";

    public const string Refusal = "playback-denied";

    /// <summary>Actions that show a recording or its audio to someone: any of them is a review of a hand-started recording.</summary>
    public static bool IsGrant(string action) => action is Listen or View or "playback-head" or "recording-peaks" or "media-link-issued";

    public static string UserId(string actor)
    {
        var colon = actor.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && actor[..colon] is "crm-user" or "sf-user" ? actor[(colon + 1)..] : actor;
    }

    public static string? Basis(string? detail) => Quoted(detail, BasisPattern());

    public static string? Reason(string? detail) => Quoted(detail, ReasonPattern());

    private static string? Quoted(string? detail, Regex pattern)
    {
        if (detail is null || pattern.Match(detail) is not { Success: true } match)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(match.Groups[1].Value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("""(?:^|\s)basis=("(?:[^"\\]|\\.)*")""")]
    private static partial Regex BasisPattern();

    [GeneratedRegex("""(?:^|\s)reason=("(?:[^"\\]|\\.)*")""")]
    private static partial Regex ReasonPattern();
}
