using CrmRecording.Core.Reports;

namespace CrmRecording.Core.Tests.Reports;

public sealed class ReportPeriodParserTests
{
    private static TimeZoneInfo? Find(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    [Fact]
    public void Parse_Dates_CoverWholeDaysInTheZoneWithToIncluded()
    {
        var period = ReportPeriodParser.Parse("2026-12-01", "2026-12-07", "America/New_York", Find);

        Assert.Null(period.Error);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), period.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero), period.To);
    }

    [Fact]
    public void Parse_DayWhenClocksGoForward_Is23HoursLong()
    {
        var period = ReportPeriodParser.Parse("2026-03-29", "2026-03-29", "Europe/Paris", Find);

        Assert.Equal(TimeSpan.FromHours(23), period.To - period.From);
    }

    [Fact]
    public void Parse_InstantsWithOffsets_AreTakenAsGivenWithToExcluded()
    {
        var period = ReportPeriodParser.Parse("2026-12-01T09:00:00Z", "2026-12-01T17:30:00+01:00", null, Find);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), period.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 16, 30, 0, TimeSpan.Zero), period.To);
        Assert.Equal("UTC", period.ZoneId);
    }

    [Fact]
    public void Parse_LocalTimeWithoutOffset_IsReadInTheZone()
    {
        var period = ReportPeriodParser.Parse("2026-07-01T09:00", "2026-07-01T10:00", "Europe/Paris", Find);

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero), period.From);
    }

    [Theory]
    [InlineData("2026-12-07", "2026-12-01", "UTC", "to must be after from")]
    [InlineData("2026-12-01", "2026-12-07", "Mars/Olympus", "tz 'Mars/Olympus' is not an IANA time zone")]
    [InlineData("yesterday", "2026-12-07", "UTC", "from 'yesterday' is neither a date")]
    [InlineData("2026-12-01", null, "UTC", "from and to are required")]
    [InlineData("2024-01-01", "2026-12-07", "UTC", "longer than 400 days")]
    public void Parse_BadInput_SaysWhatIsWrong(string? from, string? to, string zone, string reason)
    {
        var period = ReportPeriodParser.Parse(from, to, zone, Find);

        Assert.Contains(reason, period.Error, StringComparison.Ordinal);
    }
}
