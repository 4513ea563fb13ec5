using CrmRecording.Core.Reports;

namespace CrmRecording.Service.Reports;

/// <summary>Reads a report request from the API's query or the CLI's options: the period and zone, and the filters.</summary>
public static class ReportRequestReader
{
    /// <returns>The request, or why it was refused (for a 400 or a usage error).</returns>
    public static (ReportRequest? Request, string? Error) Read(string? from, string? to, string? tz, string? team, string? rep, string? jurisdiction, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var period = ReportPeriodParser.Parse(from, to, tz, FindZone);
        if (period.Error is { } error)
        {
            return (null, error);
        }

        IReadOnlySet<string>? members = null;
        if (!string.IsNullOrWhiteSpace(team))
        {
            if (!options.Teams.TryGetValue(team.Trim(), out var reps))
            {
                return (null, options.Teams.Count == 0
                    ? $"team '{team}' is not configured: no teams are (Reports:Teams:NAME lists a team's rep ids)."
                    : $"team '{team}' is not configured; the teams are {string.Join(", ", options.Teams.Keys.Order(StringComparer.Ordinal))}.");
            }

            members = reps.ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        return (new ReportRequest(period.From, period.To, period.Zone!, Blank(team), members, Blank(rep), Blank(jurisdiction)?.ToUpperInvariant()), null);
    }

    /// <summary>The host's time zone database by IANA id; Windows names are not accepted, so the answer shows a portable id.</summary>
    private static TimeZoneInfo? FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && (zone.HasIanaId || id == "UTC") ? zone : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
