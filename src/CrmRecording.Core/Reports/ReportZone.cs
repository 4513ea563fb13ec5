using System.Globalization;

namespace CrmRecording.Core.Reports;

/// <summary>Shows instants in the viewer's zone: the same instant, with that zone's offset at the time.</summary>
internal sealed class ReportZone(TimeZoneInfo zone)
{
    public DateTimeOffset Show(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

    public DateTimeOffset? Show(DateTimeOffset? instant) => instant is { } i ? Show(i) : null;

    /// <summary><c>2026-12-03 09:15 -05:00</c>.</summary>
    public string Text(DateTimeOffset instant) => Show(instant).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
