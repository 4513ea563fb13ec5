using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmRecording.Telephony.Http;

/// <summary>
/// Twilio's REST API writes dates in RFC 2822 form, <c>Tue, 31 Aug 2010 20:36:28 +0000</c>. The offset is
/// parsed from its four digits (the "R" format would only accept "GMT"), so no instant is shifted.
/// </summary>
internal sealed class Rfc2822Date : JsonConverter<DateTimeOffset>
{
    private static readonly string[] DateTimeFormats = ["ddd, dd MMM yyyy HH:mm:ss", "ddd, d MMM yyyy HH:mm:ss", "dd MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm:ss"];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        var trimmed = text?.Trim();
        var space = trimmed?.LastIndexOf(' ') ?? -1;
        if (trimmed is null || space < 0)
        {
            return false;
        }

        var zone = trimmed[(space + 1)..];
        if (!TryParseOffset(zone, out var offset)
            || !DateTime.TryParseExact(trimmed[..space], DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
        return true;
    }

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not an RFC 2822 date such as 'Tue, 31 Aug 2010 20:36:28 +0000'.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + FormatOffset(value.Offset));

    private static bool TryParseOffset(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone is "GMT" or "UT" or "UTC" or "Z")
        {
            return true;
        }

        if (zone.Length != 5 || (zone[0] != '+' && zone[0] != '-')
            || !int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours > 14 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        offset = zone[0] == '-' ? -offset : offset;
        return true;
    }

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
}
