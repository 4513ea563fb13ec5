using System.Globalization;
using CrmRecording.Emulators.Twilio.Journal;
using CrmRecording.Emulators.Twilio.Recordings;
using CrmRecording.Emulators.Twilio.TwiML;
using CrmRecording.Emulators.Twilio.Webhooks;

namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>
/// Plays a call the way Twilio runs it, without audio and without waiting: the leg rings and answers as its
/// <see cref="CalleeScript"/> says, its TwiML is fetched and interpreted verb by verb, webhooks go out signed, and the
/// only real wait is a bridged <c>&lt;Dial&gt;</c>, which lasts until a hang-up or <see cref="TwilioStandInOptions.AutoHangUpAfter"/>.
/// </summary>
internal sealed partial class CallRunner(CallBook book, WebhookSender webhooks, TwilioStandInOptions options, Func<Uri> baseAddress, BackgroundWork background)
{
    /// <summary>What Twilio says before it hangs up when the application fails (error 11200 or 12100).</summary>
    public const string ApplicationErrorMessage = "We're sorry, an application error has occurred. Goodbye.";

    private const string ApiVersion = "2010-04-01";

    private CancellationToken Stopping => background.Stopping;

    /// <summary>Runs a call created over REST to its end.</summary>
    public async Task RunAsync(CallLeg leg, OutboundCall call)
    {
        try
        {
            if (!await RingAsync(leg).ConfigureAwait(false))
            {
                return;
            }

            if (call.Record)
            {
                await StartRecordingAsync(leg, "OutboundAPI", call.RecordingChannels, call.RecordingTrack, call.RecordingCallback).ConfigureAwait(false);
            }

            var document = call.Twiml is not null
                ? ParseInline(leg, call.Twiml)
                : await FetchAsync(leg, WebhookKind.Voice, call.Url!, call.Method, CallParameters(leg)).ConfigureAwait(false);
            if (document is null)
            {
                Hear(leg, new SayVerb(ApplicationErrorMessage, "en-US"));
            }
            else
            {
                await ExecuteAsync(leg, document).ConfigureAwait(false);
            }

            await FinishAsync(leg, CallStatus.Completed).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // The stand-in is stopping: the call ends without further webhooks.
        }
    }

    /// <summary>Sends initiated and ringing, then answers (true) or ends the leg no-answer, busy or canceled (false).</summary>
    private async Task<bool> RingAsync(CallLeg leg)
    {
        await StatusEventAsync(leg, "initiated").ConfigureAwait(false);
        book.Change(() => leg.Status = CallStatus.Ringing);
        await StatusEventAsync(leg, "ringing").ConfigureAwait(false);
        var unanswered = leg.HangUpRequested ? CallStatus.Canceled
            : leg.Script.Behavior == CalleeBehavior.Busy ? CallStatus.Busy
            : leg.Script.Behavior == CalleeBehavior.DoesNotAnswer ? CallStatus.NoAnswer
            : (CallStatus?)null;
        if (unanswered is { } status)
        {
            await FinishAsync(leg, status).ConfigureAwait(false);
            return false;
        }

        book.Change(() =>
        {
            leg.Status = CallStatus.InProgress;
            leg.StartTime = leg.DateUpdated = book.Now;
        });
        await StatusEventAsync(leg, "answered").ConfigureAwait(false);
        return true;
    }

    /// <summary>Ends the leg: its recordings complete (with their callbacks), then the completed status event goes out.</summary>
    private async Task FinishAsync(CallLeg leg, CallStatus status, Func<Task>? beforeStatusEvent = null)
    {
        await EndLegAsync(leg, status).ConfigureAwait(false);
        if (beforeStatusEvent is not null)
        {
            await beforeStatusEvent().ConfigureAwait(false);
        }

        await StatusEventAsync(leg, "completed").ConfigureAwait(false);
        leg.Finished.TrySetResult();
    }

    private async Task EndLegAsync(CallLeg leg, CallStatus status)
    {
        var ended = book.Change(() =>
        {
            if (!leg.Status.IsFinal())
            {
                leg.Status = status;
                leg.EndTime = leg.DateUpdated = book.Now;
            }

            return leg.RecordingSids.Select(book.FindRecording).OfType<RecordingState>().Where(r => r.IsActive).ToList();
        });
        foreach (var recording in ended)
        {
            await FinishRecordingAsync(recording).ConfigureAwait(false);
        }
    }

    private async Task StatusEventAsync(CallLeg leg, string callbackEvent)
    {
        if (!leg.StatusCallback.Wants(callbackEvent))
        {
            return;
        }

        var parameters = book.Change(() =>
        {
            var list = CallParameters(leg, callbackEvent == "initiated" ? "initiated" : null);
            list.Add(new("CallbackSource", "call-progress-events"));
            list.Add(new("SequenceNumber", (leg.StatusSequence++).ToString(CultureInfo.InvariantCulture)));
            list.Add(new("Timestamp", Rfc2822.Format(book.Now)));
            if (callbackEvent == "completed")
            {
                list.Add(new("CallDuration", Seconds(leg.StartTime, leg.EndTime).ToString(CultureInfo.InvariantCulture)));
            }

            return list;
        });
        await webhooks.SendAsync(WebhookKind.CallStatus, leg.Sid, leg.StatusCallback.Url!, leg.StatusCallback.Method, parameters, Stopping).ConfigureAwait(false);
    }

    /// <summary>The parameters Twilio sends with every voice request (https://www.twilio.com/docs/voice/twiml#request-parameters).</summary>
    private List<KeyValuePair<string, string>> CallParameters(CallLeg leg, string? status = null)
    {
        var list = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", options.AccountSid),
            new("ApiVersion", ApiVersion),
            new("CallSid", leg.Sid),
            new("CallStatus", status ?? leg.Status.ToWire()),
            new("Called", leg.To),
            new("Caller", leg.From),
            new("Direction", leg.Direction),
            new("From", leg.From),
            new("To", leg.To),
        };
        if (leg.ParentSid is not null)
        {
            list.Add(new("ParentCallSid", leg.ParentSid));
        }

        return list;
    }

    private async Task<TwimlDocument?> FetchAsync(CallLeg leg, WebhookKind kind, string url, string method, List<KeyValuePair<string, string>> parameters)
    {
        var result = await webhooks.SendAsync(kind, leg.Sid, url, method, parameters, Stopping).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return null;
        }

        if (TwimlParser.TryParse(result.Body, result.Url, out var document, out var error))
        {
            return document;
        }

        webhooks.ReportParseFailure(kind, leg.Sid, result.Url!, result.Body, error!);
        return null;
    }

    private TwimlDocument? ParseInline(CallLeg leg, string twiml)
    {
        if (TwimlParser.TryParse(twiml, null, out var document, out var error))
        {
            return document;
        }

        webhooks.ReportParseFailure(WebhookKind.Voice, leg.Sid, new Uri("about:twiml"), twiml, error!);
        return null;
    }

    private void Hear(CallLeg leg, TwimlVerb verb) => book.Change(() => leg.Transcript.Add(verb switch
    {
        SayVerb say => new TranscriptEntry("Say", say.Text, say.Language),
        PlayVerb play => new TranscriptEntry("Play", play.Url, null),
        PauseVerb pause => new TranscriptEntry("Pause", pause.Length.ToString(CultureInfo.InvariantCulture), null),
        _ => new TranscriptEntry(verb.GetType().Name, string.Empty, null),
    }));

    private CalleeScript ScriptFor(string to) =>
        options.Callees.TryGetValue(to, out var script) ? script : options.DefaultCallee;

    private static int Seconds(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } from && end is { } to && to > from ? (int)Math.Round((to - from).TotalSeconds, MidpointRounding.AwayFromZero) : 0;
}
