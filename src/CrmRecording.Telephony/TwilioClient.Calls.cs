using CrmRecording.Telephony.Http;

namespace CrmRecording.Telephony;

public sealed partial class TwilioClient
{
    /// <summary>
    /// Places an outbound call. Never retried after a 5xx or a lost connection: Twilio may already be dialing,
    /// and a second attempt would ring the customer twice. Only a 429 (refused before processing) is retried.
    /// </summary>
    public Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Sids.ThrowIfNotAddress(request.To, nameof(request));
        // A blank From (an empty configuration value, say) counts as absent: sent as is, the form would leave From out
        // and Twilio would refuse the call (21213) instead of the caller id being used.
        var from = (string.IsNullOrWhiteSpace(request.From) ? null : request.From) ?? options.CallerId
            ?? throw new ArgumentException($"{nameof(CreateCallRequest.From)} is required when Twilio:{nameof(TwilioClientOptions.CallerId)} is not configured.", nameof(request));
        if ((request.Url is null) == string.IsNullOrWhiteSpace(request.Twiml))
        {
            throw new ArgumentException($"Exactly one of {nameof(CreateCallRequest.Url)} or {nameof(CreateCallRequest.Twiml)} must be set.", nameof(request));
        }

        var form = new FormFields()
            .Add("To", request.To)
            .Add("From", from)
            .Add("Url", request.Url)
            .Add("Twiml", request.Twiml)
            .Add("Method", request.Method)
            .Add("StatusCallback", request.StatusCallback)
            .AddEach("StatusCallbackEvent", request.StatusCallbackEvent)
            .Add("StatusCallbackMethod", request.StatusCallbackMethod)
            .Add("Timeout", request.Timeout)
            .Add("Record", request.Record)
            .Add("RecordingChannels", request.RecordingChannels)
            .Add("RecordingStatusCallback", request.RecordingStatusCallback)
            .AddEach("RecordingStatusCallbackEvent", request.RecordingStatusCallbackEvent);
        var call = new TwilioRequest(HttpMethod.Post, Account("Calls.json"), "POST Calls.json") { Form = form.Fields };
        return SendForJsonAsync(call, TwilioJsonContext.Default.TwilioCall, cancellationToken);
    }

    /// <summary>The call as Twilio has it now (<c>GET Calls/{Sid}.json</c>): its status and, once ended, its end time.</summary>
    public Task<TwilioCall> GetCallAsync(string callSid, CancellationToken cancellationToken = default)
    {
        Sids.ThrowIfInvalid(callSid, "CA", nameof(callSid));
        var get = new TwilioRequest(HttpMethod.Get, Account($"Calls/{callSid}.json"), $"GET Calls/{callSid}.json") { Idempotent = true };
        return SendForJsonAsync(get, TwilioJsonContext.Default.TwilioCall, cancellationToken);
    }

    /// <summary>
    /// Redirects a live call to new TwiML or ends it. Ending a call (Status only) is retried like any idempotent
    /// request, since hanging up twice is harmless; a redirect is not, since it would restart the TwiML.
    /// </summary>
    public Task<TwilioCall> UpdateCallAsync(string callSid, UpdateCallRequest request, CancellationToken cancellationToken = default)
    {
        Sids.ThrowIfInvalid(callSid, "CA", nameof(callSid));
        ArgumentNullException.ThrowIfNull(request);
        var redirects = request.Url is not null || !string.IsNullOrWhiteSpace(request.Twiml);
        if (!redirects && string.IsNullOrWhiteSpace(request.Status))
        {
            throw new ArgumentException($"Set {nameof(UpdateCallRequest.Url)}, {nameof(UpdateCallRequest.Twiml)} or {nameof(UpdateCallRequest.Status)}.", nameof(request));
        }

        var form = new FormFields()
            .Add("Url", request.Url)
            .Add("Method", request.Method)
            .Add("Twiml", request.Twiml)
            .Add("Status", request.Status);
        var update = new TwilioRequest(HttpMethod.Post, Account($"Calls/{callSid}.json"), $"POST Calls/{callSid}.json")
        {
            Form = form.Fields,
            Idempotent = !redirects,
        };
        return SendForJsonAsync(update, TwilioJsonContext.Default.TwilioCall, cancellationToken);
    }
}
