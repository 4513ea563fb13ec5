using CrmRecording.Core.Phones;
using CrmRecording.Plugins.Ports;
using CrmRecording.Telephony;

namespace CrmRecording.Service.Calls;

/// <summary>
/// The enrichment step's line-type port over Twilio Lookup v2 (cached per number by the client). When Lookup
/// fails the line counts as unknown, which the consent engine treats as weak evidence — never as a relaxation.
/// </summary>
internal sealed partial class TwilioLineTypeLookup(Lazy<TwilioClient> lazyTwilio, ILogger<TwilioLineTypeLookup> log) : ILineTypeLookup
{
    public async Task<DeviceType> LookupAsync(E164Number number, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await lazyTwilio.Value.LookupLineTypeAsync(number.ToString(), cancellationToken).ConfigureAwait(false)).DeviceType;
        }
        catch (Exception ex) when (ex is TwilioException or HttpRequestException)
        {
            LookupFailed(log, number.Redacted(), ex.GetType().Name);
            return DeviceType.Unknown;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Line type lookup for {Number} failed ({Error}); treating the line as of unknown type")]
    private static partial void LookupFailed(ILogger logger, string number, string error);
}
