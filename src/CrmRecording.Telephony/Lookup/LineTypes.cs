using CrmRecording.Core.Phones;

namespace CrmRecording.Telephony.Lookup;

/// <summary>Twilio's line types mapped onto the consent engine's device types.</summary>
internal static class LineTypes
{
    /// <summary>
    /// Only the five types whose location meaning the engine knows are mapped; personal, premium, sharedCost,
    /// uan, voicemail, pager and anything Twilio adds later say nothing reliable about where the person is.
    /// </summary>
    public static DeviceType ToDeviceType(string? type) => type?.ToUpperInvariant() switch
    {
        "LANDLINE" => DeviceType.Landline,
        "MOBILE" => DeviceType.Mobile,
        "FIXEDVOIP" => DeviceType.FixedVoip,
        "NONFIXEDVOIP" => DeviceType.NonFixedVoip,
        "TOLLFREE" => DeviceType.TollFree,
        _ => DeviceType.Unknown,
    };
}
