namespace CrmRecording.Core.Phones;

/// <summary>Wire names of <see cref="DeviceType"/> (<c>landline</c>, <c>mobile</c>, <c>fixed-voip</c>, ...).</summary>
public static class DeviceTypeNames
{
    public const string Allowed = "landline, mobile, fixed-voip, non-fixed-voip, toll-free, unknown";

    public static string ToWireName(this DeviceType device) => device switch
    {
        DeviceType.Landline => "landline",
        DeviceType.Mobile => "mobile",
        DeviceType.FixedVoip => "fixed-voip",
        DeviceType.NonFixedVoip => "non-fixed-voip",
        DeviceType.TollFree => "toll-free",
        _ => "unknown",
    };

    /// <summary>Reads our wire names and the line types Twilio Lookup v2 reports (<c>fixedVoip</c>, <c>nonFixedVoip</c>, <c>tollFree</c>).</summary>
    public static bool TryParse(string? text, out DeviceType device)
    {
        device = DeviceType.Unknown;
        var key = text?.Trim().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal)
            .Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        switch (key)
        {
            case null or "" or "unknown": device = DeviceType.Unknown; return true;
            case "landline": device = DeviceType.Landline; return true;
            case "mobile": case "cell": case "cellular": device = DeviceType.Mobile; return true;
            case "fixedvoip": device = DeviceType.FixedVoip; return true;
            case "nonfixedvoip": case "voip": device = DeviceType.NonFixedVoip; return true;
            case "tollfree": device = DeviceType.TollFree; return true;
            default: return false;
        }
    }
}
