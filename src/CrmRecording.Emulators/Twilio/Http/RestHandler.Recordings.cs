using System.Globalization;
using System.Net;
using CrmRecording.Emulators.Twilio.Calls;
using CrmRecording.Emulators.Twilio.Media;
using CrmRecording.Emulators.Twilio.Recordings;
using CrmRecording.Emulators.Twilio.Webhooks;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Twilio.Http;

/// <summary>The Recording resource of a call and of the account (https://www.twilio.com/docs/voice/api/recording).</summary>
internal sealed partial class RestHandler
{
    /// <summary><c>POST Calls/{CallSid}/Recordings.json</c>: starts recording an in-progress call (otherwise 21220); answers 201 in-progress.</summary>
    private Task CreateRecordingAsync(HttpContext context, string path, string callSid, FormBody form)
    {
        var leg = book.Find(callSid) ?? throw new TwilioErrorException(TwilioError.NotFound(path));
        if (leg.Status != CallStatus.InProgress || leg.HangUpRequested)
        {
            throw new TwilioErrorException(TwilioError.NotRecordable);
        }

        var track = form["RecordingTrack"] ?? "both";
        if (track is not ("inbound" or "outbound" or "both"))
        {
            throw new TwilioErrorException(TwilioError.BadRequest($"RecordingTrack must be inbound, outbound or both, not {track}."));
        }

        var recording = runner.BeginRecording(
            leg,
            "StartCallRecordingAPI",
            ChannelCount(form["RecordingChannels"]),
            track,
            CallbackTarget.From(form["RecordingStatusCallback"], form["RecordingStatusCallbackMethod"], form.All("RecordingStatusCallbackEvent")));
        var snapshot = book.RecordingSnapshot(recording.Sid)!;
        runner.Later(() => runner.AnnounceAsync(recording, RecordingStatus.InProgress));
        return WriteJsonAsync(context, HttpStatusCode.Created, json => ResourceJson.WriteRecording(json, snapshot, options.AccountSid, baseAddress(), callScoped: true));
    }

    /// <summary>
    /// <c>POST Calls/{CallSid}/Recordings/{Sid|Twilio.CURRENT}.json</c> with <c>Status=paused|in-progress|stopped</c> and, for a
    /// pause, <c>PauseBehavior=skip|silence</c> (silence by default).
    /// </summary>
    private Task UpdateRecordingAsync(HttpContext context, string path, string callSid, string sid, FormBody form)
    {
        var leg = book.Find(callSid) ?? throw new TwilioErrorException(TwilioError.NotFound(path));
        var recording = (sid == "Twilio.CURRENT" ? book.CurrentRecording(callSid) : book.FindRecording(sid)) is { } found && found.CallSid == callSid && !found.Deleted
            ? found
            : throw new TwilioErrorException(TwilioError.NotFound(path));
        var status = form["Status"] ?? throw new TwilioErrorException(TwilioError.BadRequest("Status is required."));
        var behavior = form["PauseBehavior"] switch
        {
            null or "silence" => PauseBehavior.Silence,
            "skip" => PauseBehavior.Skip,
            var other => throw new TwilioErrorException(TwilioError.BadRequest($"PauseBehavior must be skip or silence, not {other}.")),
        };
        if (!recording.IsActive || leg.Status != CallStatus.InProgress)
        {
            throw new TwilioErrorException(TwilioError.InvalidCallState);
        }

        RecordingStatus? reported = null;
        switch (status)
        {
            case "paused":
                book.Change(() => recording.Pause(book.Now, behavior));
                break;
            case "in-progress":
                book.Change(() => recording.Resume(book.Now));
                break;
            case "stopped":
                // Twilio answers "stopped" and the recording then completes, with its status callback.
                var final = book.Change(() =>
                {
                    recording.Finish(book.Now);
                    return recording.Status;
                });
                reported = RecordingStatus.Stopped;
                runner.Later(() => runner.AnnounceAsync(recording, final));
                break;
            default:
                throw new TwilioErrorException(TwilioError.BadRequest($"Status must be paused, in-progress or stopped, not {status}."));
        }

        var snapshot = book.RecordingSnapshot(recording.Sid)!;
        return WriteJsonAsync(context, HttpStatusCode.OK, json => ResourceJson.WriteRecording(json, snapshot, options.AccountSid, baseAddress(), callScoped: true, reported));
    }

    /// <summary>
    /// <c>GET Calls/{CallSid}/Recordings.json</c>: the call's recordings, oldest first, deleted ones left out, one page of
    /// <c>PageSize</c> (50 by default, at most 1000) at <c>Page</c>, with Twilio's paging fields; <c>next_page_uri</c> is null on the last.
    /// </summary>
    private Task ListRecordingsAsync(HttpContext context, string callSid)
    {
        var query = context.Request.Query;
        var size = int.TryParse(query["PageSize"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 1000 ? s : 50;
        var page = int.TryParse(query["Page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        var all = book.Recordings.Where(r => r.CallSid == callSid && !r.Deleted).ToList();
        var items = all.Skip(page * size).Take(size).ToList();
        var list = $"/2010-04-01/Accounts/{options.AccountSid}/Calls/{callSid}/Recordings.json";
        string PageUri(int n) => string.Create(CultureInfo.InvariantCulture, $"{list}?PageSize={size}&Page={n}") + (n > 0 ? $"&PageToken=PA{all[(n * size) - 1].Sid}" : string.Empty);
        return WriteJsonAsync(context, HttpStatusCode.OK, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("end", Math.Max(0, (page * size) + items.Count - 1));
            json.WriteString("first_page_uri", PageUri(0));
            if ((page + 1) * size < all.Count)
            {
                json.WriteString("next_page_uri", PageUri(page + 1));
            }
            else
            {
                json.WriteNull("next_page_uri");
            }

            json.WriteNumber("page", page);
            json.WriteNumber("page_size", size);
            if (page > 0)
            {
                json.WriteString("previous_page_uri", PageUri(page - 1));
            }
            else
            {
                json.WriteNull("previous_page_uri");
            }

            json.WriteStartArray("recordings");
            foreach (var recording in items)
            {
                ResourceJson.WriteRecording(json, recording, options.AccountSid, baseAddress(), callScoped: true);
            }

            json.WriteEndArray();
            json.WriteNumber("start", page * size);
            json.WriteString("uri", PageUri(page));
            json.WriteEndObject();
        });
    }

    private Task FetchRecordingAsync(HttpContext context, string path, string sid, string? callSid)
    {
        var recording = Existing(path, sid);
        if (callSid is not null && recording.CallSid != callSid)
        {
            throw new TwilioErrorException(TwilioError.NotFound(path));
        }

        return WriteJsonAsync(context, HttpStatusCode.OK, json => ResourceJson.WriteRecording(json, recording, options.AccountSid, baseAddress(), callScoped: callSid is not null));
    }

    /// <summary><c>DELETE Recordings/{Sid}.json</c>: 204, after which the recording and its media are 404 (20404).</summary>
    private Task DeleteRecordingAsync(HttpContext context, string path, string sid)
    {
        var recording = book.FindRecording(sid) is { Deleted: false } found ? found : throw new TwilioErrorException(TwilioError.NotFound(path));
        book.Change(() =>
        {
            recording.Finish(book.Now);
            recording.Deleted = true;
        });
        context.Response.StatusCode = (int)HttpStatusCode.NoContent;
        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>GET Recordings/{Sid}.wav</c> (or without extension, which Twilio also serves as WAV): the media of a completed
    /// recording as <c>audio/x-wav</c> with its <c>Content-Length</c>, streamed block by block.
    /// </summary>
    private async Task MediaAsync(HttpContext context, string path, string sid)
    {
        var recording = Existing(path, sid);
        if (recording.Status != RecordingStatus.Completed)
        {
            throw new TwilioErrorException(TwilioError.NotFound(path));
        }

        context.Response.StatusCode = (int)HttpStatusCode.OK;
        context.Response.ContentType = "audio/x-wav";
        context.Response.ContentLength = DualChannelWav.Length(recording.Duration, recording.Channels);
        context.Response.Headers.LastModified = (recording.EndTime ?? recording.StartTime).ToString("R", CultureInfo.InvariantCulture);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await DualChannelWav.WriteAsync(context.Response.Body, recording.Duration, recording.Silences, recording.Channels, context.RequestAborted).ConfigureAwait(false);
    }

    private RecordingRecord Existing(string path, string sid) =>
        book.RecordingSnapshot(sid) is { Deleted: false } recording ? recording : throw new TwilioErrorException(TwilioError.NotFound(path));
}
