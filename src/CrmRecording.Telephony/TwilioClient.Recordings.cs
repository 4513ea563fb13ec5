using CrmRecording.Telephony.Http;

namespace CrmRecording.Telephony;

public sealed partial class TwilioClient
{
    /// <summary>Twilio's name for the recording currently running on a call, usable in place of its SID.</summary>
    public const string CurrentRecording = "Twilio.CURRENT";

    /// <summary>
    /// Starts recording a live call. Like placing a call, never retried after a 5xx or a lost connection: a
    /// second attempt could start a second recording; only a 429 is retried.
    /// </summary>
    public async Task<TwilioRecording> StartRecordingAsync(string callSid, StartRecordingRequest request, CancellationToken cancellationToken = default)
    {
        Sids.ThrowIfInvalid(callSid, "CA", nameof(callSid));
        ArgumentNullException.ThrowIfNull(request);
        var form = new FormFields()
            .Add("RecordingChannels", request.RecordingChannels)
            .Add("RecordingStatusCallback", request.RecordingStatusCallback)
            .AddEach("RecordingStatusCallbackEvent", request.RecordingStatusCallbackEvent)
            .Add("RecordingStatusCallbackMethod", request.RecordingStatusCallbackMethod)
            .Add("RecordingTrack", request.RecordingTrack);
        var start = new TwilioRequest(HttpMethod.Post, Account($"Calls/{callSid}/Recordings.json"), $"POST Calls/{callSid}/Recordings.json") { Form = form.Fields };
        return WithMedia(await SendForJsonAsync(start, TwilioJsonContext.Default.TwilioRecording, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Pauses the recording, e.g. while a card number is spoken; <paramref name="behavior"/> says whether the pause leaves a gap of silence.</summary>
    public Task<TwilioRecording> PauseRecordingAsync(string callSid, string recordingSid = CurrentRecording, PauseBehavior behavior = PauseBehavior.Skip, CancellationToken cancellationToken = default) =>
        SetRecordingStatusAsync(callSid, recordingSid, "paused", behavior, cancellationToken);

    public Task<TwilioRecording> ResumeRecordingAsync(string callSid, string recordingSid = CurrentRecording, CancellationToken cancellationToken = default) =>
        SetRecordingStatusAsync(callSid, recordingSid, "in-progress", null, cancellationToken);

    public Task<TwilioRecording> StopRecordingAsync(string callSid, string recordingSid = CurrentRecording, CancellationToken cancellationToken = default) =>
        SetRecordingStatusAsync(callSid, recordingSid, "stopped", null, cancellationToken);

    public async Task<TwilioRecording> GetRecordingAsync(string recordingSid, CancellationToken cancellationToken = default)
    {
        Sids.ThrowIfInvalid(recordingSid, "RE", nameof(recordingSid));
        var get = new TwilioRequest(HttpMethod.Get, Account($"Recordings/{recordingSid}.json"), $"GET Recordings/{recordingSid}.json") { Idempotent = true };
        return WithMedia(await SendForJsonAsync(get, TwilioJsonContext.Default.TwilioRecording, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Every recording of a call (<c>GET Calls/{CallSid}/Recordings.json</c>), following <c>next_page_uri</c> to the last
    /// page. Deleted recordings are not listed: a recording missing here is one Twilio no longer has.
    /// </summary>
    public async Task<IReadOnlyList<TwilioRecording>> ListRecordingsAsync(string callSid, CancellationToken cancellationToken = default)
    {
        Sids.ThrowIfInvalid(callSid, "CA", nameof(callSid));
        var all = new List<TwilioRecording>();
        var next = Account($"Calls/{callSid}/Recordings.json?PageSize=100");
        for (var page = 0; page < 100; page++)
        {
            var get = new TwilioRequest(HttpMethod.Get, next, $"GET Calls/{callSid}/Recordings.json") { Idempotent = true };
            var answer = await SendForJsonAsync(get, TwilioJsonContext.Default.TwilioRecordingPage, cancellationToken).ConfigureAwait(false);
            all.AddRange(answer.Recordings.Select(WithMedia));
            if (string.IsNullOrEmpty(answer.NextPageUri))
            {
                return all;
            }

            // Twilio's page links are paths from the API root, with their paging token.
            next = new Uri(apiBase, answer.NextPageUri.TrimStart('/'));
        }

        throw new TwilioException(200, null, $"GET Calls/{callSid}/Recordings.json had over 100 pages; the listing was stopped.", null, null);
    }

    /// <summary>Deletes the recording from Twilio: true when Twilio deleted it now, false when it was already gone (404).</summary>
    public async Task<bool> DeleteRecordingAsync(string recordingSid, CancellationToken cancellationToken = default)
    {
        Sids.ThrowIfInvalid(recordingSid, "RE", nameof(recordingSid));
        var delete = new TwilioRequest(HttpMethod.Delete, Account($"Recordings/{recordingSid}.json"), $"DELETE Recordings/{recordingSid}.json")
        {
            Idempotent = true,
            NotFoundIsAnswer = true,
        };
        using var response = await SendAsync(delete, cancellationToken).ConfigureAwait(false);
        return response.StatusCode != System.Net.HttpStatusCode.NotFound;
    }

    /// <summary>
    /// Opens the recording's WAV audio as a stream from the network; the body is never buffered in memory.
    /// Dispose the result to release the connection.
    /// </summary>
    public async Task<TwilioMedia> DownloadRecordingAsync(string recordingSid, CancellationToken cancellationToken = default)
    {
        Sids.ThrowIfInvalid(recordingSid, "RE", nameof(recordingSid));
        var get = new TwilioRequest(HttpMethod.Get, MediaUrl(recordingSid), $"GET Recordings/{recordingSid}.wav")
        {
            Idempotent = true,
            Completion = HttpCompletionOption.ResponseHeadersRead,
        };
        var response = await SendAsync(get, cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new TwilioMedia(response, content);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<TwilioRecording> SetRecordingStatusAsync(string callSid, string recordingSid, string status, PauseBehavior? behavior, CancellationToken cancellationToken)
    {
        Sids.ThrowIfInvalid(callSid, "CA", nameof(callSid));
        if (recordingSid != CurrentRecording)
        {
            Sids.ThrowIfInvalid(recordingSid, "RE", nameof(recordingSid));
        }

        var form = new FormFields()
            .Add("Status", status)
            .Add("PauseBehavior", behavior switch { PauseBehavior.Skip => "skip", PauseBehavior.Silence => "silence", _ => null });
        var path = $"Calls/{callSid}/Recordings/{recordingSid}.json";

        // Setting a status is idempotent: pausing a paused recording leaves it paused.
        var update = new TwilioRequest(HttpMethod.Post, Account(path), $"POST {path}") { Form = form.Fields, Idempotent = true };
        return WithMedia(await SendForJsonAsync(update, TwilioJsonContext.Default.TwilioRecording, cancellationToken).ConfigureAwait(false));
    }

    private Uri MediaUrl(string recordingSid) => Account($"Recordings/{recordingSid}.wav");

    private TwilioRecording WithMedia(TwilioRecording recording) =>
        Sids.IsValid(recording.Sid, "RE") ? recording with { MediaUrl = MediaUrl(recording.Sid) } : recording;
}
