using System.Globalization;

namespace CrmRecording.Emulators.Twilio;

/// <summary>
/// Twilio's REST API (2010-04-01) writes dates in RFC 2822 form in UTC, e.g. <c>Tue, 31 Aug 2010 20:36:28 +0000</c>
/// (https://www.twilio.com/docs/usage/twilios-response#dates).
/// </summary>
internal static class Rfc2822
{
    public static string Format(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? instant) => instant is { } value ? Format(value) : null;
}
