using System.Globalization;

namespace CrmRecording.Core.Reports;

/// <summary>
/// Reads a report's period and zone from text: <c>from</c> and <c>to</c> as dates (<c>2026-12-01</c>: whole days in the
/// zone, <c>to</c> included) or instants (<c>2026-12-01T09:00:00Z</c>, <c>…+01:00</c>; a time without an offset is read
/// in the zone; <c>to</c> excluded), and an IANA zone (UTC when none is given).
/// </summary>
public static class ReportPeriodParser
{
    /// <summary>The longest period one report covers.</summary>
    public const int MaxDays = 400;

    /// <param name="findZone">Looks up an IANA zone id (the host's time zone database); null when unknown.</param>
    public static ReportPeriodResult Parse(string? from, string? to, string? zone, Func<string, TimeZoneInfo?> findZone)
    {
        ArgumentNullException.ThrowIfNull(findZone);
        var zoneId = string.IsNullOrWhiteSpace(zone) ? "UTC" : zone.Trim();
        if (findZone(zoneId) is not { } tz)
        {
            return ReportPeriodResult.Fail($"tz '{zoneId}' is not an IANA time zone (e.g. Europe/Paris, America/New_York, UTC).");
        }

        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            return ReportPeriodResult.Fail("from and to are required: dates (2026-12-01) or instants (2026-12-01T09:00:00Z).");
        }

        if (Read(from.Trim(), tz, endOfDay: false) is not { } start)
        {
            return ReportPeriodResult.Fail($"from '{from}' is neither a date (yyyy-MM-dd) nor an instant (yyyy-MM-ddTHH:mm[:ss][Z|±hh:mm]).");
        }

        if (Read(to.Trim(), tz, endOfDay: true) is not { } end)
        {
            return ReportPeriodResult.Fail($"to '{to}' is neither a date (yyyy-MM-dd) nor an instant (yyyy-MM-ddTHH:mm[:ss][Z|±hh:mm]).");
        }

        if (end <= start)
        {
            return ReportPeriodResult.Fail("to must be after from (a date in to is included: from=2026-12-01&to=2026-12-01 is that whole day).");
        }

        if (end - start > TimeSpan.FromDays(MaxDays))
        {
            return ReportPeriodResult.Fail($"The period is longer than {MaxDays} days; ask for several reports.");
        }

        return new ReportPeriodResult(start, end, tz, zoneId, null);
    }

    private static DateTimeOffset? Read(string text, TimeZoneInfo zone, bool endOfDay)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return StartOfDay(endOfDay ? date.AddDays(1) : date, zone);
        }

        if (text.Length > 10 && text[10] == 'T' && HasOffset(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        if (DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return Local(local, zone);
        }

        return null;
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10;

    /// <summary>Midnight in the zone, or the first instant of the day when a change of offset skips midnight.</summary>
    private static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone) => Local(date.ToDateTime(TimeOnly.MinValue), zone);

    /// <summary>A local time in the zone; a time skipped by a change of offset moves forward by the gap, as clocks do.</summary>
    private static DateTimeOffset Local(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(15);
        }

        // An ambiguous time (the hour repeated when clocks go back) is read as its first occurrence.
        var offset = zone.IsAmbiguousTime(unspecified) ? zone.GetAmbiguousTimeOffsets(unspecified).Max() : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset);
    }
}

/// <summary>A parsed period (<see cref="Error"/> null) or why the text was refused.</summary>
public sealed record ReportPeriodResult(DateTimeOffset From, DateTimeOffset To, TimeZoneInfo? Zone, string ZoneId, string? Error)
{
    public static ReportPeriodResult Fail(string error) => new(default, default, null, string.Empty, error);
}
