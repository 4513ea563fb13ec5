using System.Net;
using CrmRecording.Emulators.Twilio.Calls;
using CrmRecording.Emulators.Twilio.Webhooks;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Twilio.Http;

/// <summary>The Call resource: create, fetch, update (https://www.twilio.com/docs/voice/api/call-resource).</summary>
internal sealed partial class RestHandler
{
    /// <summary>
    /// <c>POST Calls.json</c>: validates To (21201), From (21213) and Url or Twiml (21205) in that order, answers 201 with
    /// the queued call and runs it in the background.
    /// </summary>
    private Task CreateCallAsync(HttpContext context, FormBody form)
    {
        var to = form["To"] ?? throw new TwilioErrorException(TwilioError.MissingTo);
        var from = form["From"] ?? throw new TwilioErrorException(TwilioError.MissingFrom);
        var url = form["Url"];
        var twiml = form["Twiml"];
        if (url is null && twiml is null)
        {
            throw new TwilioErrorException(TwilioError.MissingUrl);
        }

        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
        {
            throw new TwilioErrorException(TwilioError.InvalidUrl(url));
        }

        var channels = ChannelCount(form["RecordingChannels"]);
        var leg = new CallLeg(
            Sids.New("CA"),
            null,
            to,
            from,
            "outbound-api",
            options.Callees.TryGetValue(to, out var script) ? script : options.DefaultCallee,
            CallbackTarget.From(form["StatusCallback"], form["StatusCallbackMethod"], form.All("StatusCallbackEvent")),
            book.Now);
        var call = new OutboundCall(
            url,
            Method(form["Method"]),
            twiml,
            string.Equals(form["Record"], "true", StringComparison.OrdinalIgnoreCase),
            channels,
            form["RecordingTrack"] ?? "both",
            CallbackTarget.From(form["RecordingStatusCallback"], form["RecordingStatusCallbackMethod"], form.All("RecordingStatusCallbackEvent")));
        book.Add(leg);
        var created = leg.Snapshot();
        background.Run(() => runner.RunAsync(leg, call));
        return WriteJsonAsync(context, HttpStatusCode.Created, json => ResourceJson.WriteCall(json, created, options.AccountSid));
    }

    private Task FetchCallAsync(HttpContext context, string path, string sid)
    {
        var call = book.Snapshot(sid) ?? throw new TwilioErrorException(TwilioError.NotFound(path));
        return WriteJsonAsync(context, HttpStatusCode.OK, json => ResourceJson.WriteCall(json, call, options.AccountSid));
    }

    /// <summary>
    /// <c>POST Calls/{Sid}.json</c>: <c>Status=completed|canceled</c> hangs the leg up; <c>Url</c> or <c>Twiml</c> replaces
    /// its TwiML, which only an in-progress call allows (21220).
    /// </summary>
    private Task UpdateCallAsync(HttpContext context, string path, string sid, FormBody form)
    {
        var leg = book.Find(sid) ?? throw new TwilioErrorException(TwilioError.NotFound(path));
        var status = form["Status"];
        if (status is not null and not ("completed" or "canceled"))
        {
            throw new TwilioErrorException(TwilioError.BadRequest($"Status must be completed or canceled, not {status}."));
        }

        var call = book.Snapshot(sid)!;
        if (status is not null)
        {
            book.Change(() => leg.Interrupt(LegInterruption.HangUpNow));

            // The leg ends in the background (its callbacks may call the application, which may be the caller of this
            // request); the answer already shows the status it is ending with, as Twilio's does.
            if (!call.Status.IsFinal())
            {
                var now = book.Now;
                call = call with { Status = call.Status == CallStatus.InProgress ? CallStatus.Completed : CallStatus.Canceled, EndTime = now, DateUpdated = now };
            }
        }
        else if (form["Url"] is not null || form["Twiml"] is not null)
        {
            if (leg.Status != CallStatus.InProgress)
            {
                throw new TwilioErrorException(TwilioError.InvalidCallState);
            }

            book.Change(() => leg.Interrupt(new LegInterruption(false, form["Url"], Method(form["Method"]), form["Twiml"])));
        }

        return WriteJsonAsync(context, HttpStatusCode.OK, json => ResourceJson.WriteCall(json, call, options.AccountSid));
    }

    private static string Method(string? method) => string.IsNullOrWhiteSpace(method) ? "POST" : method.ToUpperInvariant();

    private static int ChannelCount(string? channels) => channels switch
    {
        null or "mono" => 1,
        "dual" => 2,
        _ => throw new TwilioErrorException(TwilioError.BadRequest($"RecordingChannels must be mono or dual, not {channels}.")),
    };
}
