using CrmRecording.Telephony.Http;
using CrmRecording.Telephony.Lookup;

namespace CrmRecording.Telephony;

public sealed partial class TwilioClient
{
    /// <summary>
    /// The line type of an E.164 number from Lookup v2 Line Type Intelligence. Answers are reused until
    /// <see cref="TwilioClientOptions.LookupCacheDuration"/> has passed (each lookup is billed); concurrent
    /// lookups of one number send one request.
    /// </summary>
    public Task<LineTypeInfo> LookupLineTypeAsync(string e164, CancellationToken cancellationToken = default)
    {
        Sids.ThrowIfNotE164(e164, nameof(e164));
        return lineTypes.GetOrLoadAsync(e164, FetchLineTypeAsync, cancellationToken);
    }

    private async Task<LineTypeInfo> FetchLineTypeAsync(string e164)
    {
        // The label leaves the number out: exception messages end up in logs, phone numbers must not.
        var lookup = new TwilioRequest(HttpMethod.Get, new Uri(lookupBase, $"v2/PhoneNumbers/{Escape(e164)}?Fields=line_type_intelligence"), "GET v2/PhoneNumbers/{number}")
        {
            Idempotent = true,
        };
        var response = await SendForJsonAsync(lookup, TwilioJsonContext.Default.LookupResponse, CancellationToken.None).ConfigureAwait(false);
        var line = response.LineTypeIntelligence;
        return new LineTypeInfo(response.PhoneNumber ?? e164, line?.Type, line?.CarrierName, LineTypes.ToDeviceType(line?.Type), time.GetUtcNow());
    }
}
