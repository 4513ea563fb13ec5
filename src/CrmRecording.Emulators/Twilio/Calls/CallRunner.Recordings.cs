using System.Globalization;
using CrmRecording.Emulators.Twilio.Journal;
using CrmRecording.Emulators.Twilio.Recordings;
using CrmRecording.Emulators.Twilio.Webhooks;

namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>Recordings: start, end, and their status callbacks (https://www.twilio.com/docs/voice/api/recording#recordingstatuscallback).</summary>
internal sealed partial class CallRunner
{
    /// <summary>The account-level media URL without extension, as <c>RecordingUrl</c> carries it.</summary>
    public string RecordingUrl(string recordingSid) =>
        new Uri(baseAddress(), $"2010-04-01/Accounts/{options.AccountSid}/Recordings/{recordingSid}").AbsoluteUri;

    public RecordingState BeginRecording(CallLeg leg, string source, int channels, string track, CallbackTarget callback)
    {
        var recording = new RecordingState(Sids.New("RE"), leg.Sid, source, channels, track, book.Now, callback);
        book.AddRecording(recording, leg);
        return recording;
    }

    public async Task<RecordingState> StartRecordingAsync(CallLeg leg, string source, int channels, string track, CallbackTarget callback)
    {
        var recording = BeginRecording(leg, source, channels, track, callback);
        await RecordingEventAsync(recording, RecordingStatus.InProgress).ConfigureAwait(false);
        return recording;
    }

    /// <summary>Completes the recording (absent when nothing was recorded) and sends its status event.</summary>
    public async Task FinishRecordingAsync(RecordingState recording)
    {
        if (book.Change(() =>
        {
            var wasActive = recording.IsActive;
            recording.Finish(book.Now);
            return wasActive;
        }))
        {
            await RecordingEventAsync(recording, recording.Status).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="work"/> after the REST answer, as Twilio sends callbacks asynchronously.</summary>
    public void Later(Func<Task> work) => background.Run(async () =>
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // The stand-in is stopping.
        }
    });

    /// <summary>Sends the recording's status event for <paramref name="status"/>, if its callback asked for that event.</summary>
    public Task AnnounceAsync(RecordingState recording, RecordingStatus status) => RecordingEventAsync(recording, status);

    private async Task RecordingEventAsync(RecordingState recording, RecordingStatus reported)
    {
        var snapshot = book.RecordingSnapshot(recording.Sid)!;
        var status = reported.ToWire();
        if (!recording.Callback.Wants(status))
        {
            return;
        }

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", options.AccountSid),
            new("CallSid", snapshot.CallSid),
            new("RecordingSid", snapshot.Sid),
            new("RecordingUrl", RecordingUrl(snapshot.Sid)),
            new("RecordingStatus", status),
        };
        if (reported is RecordingStatus.Completed or RecordingStatus.Absent)
        {
            parameters.Add(new("RecordingDuration", snapshot.DurationSeconds.ToString(CultureInfo.InvariantCulture)));
        }

        parameters.Add(new("RecordingChannels", snapshot.Channels.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("RecordingStartTime", Rfc2822.Format(snapshot.StartTime)));
        parameters.Add(new("RecordingSource", snapshot.Source));
        parameters.Add(new("RecordingTrack", snapshot.Track));
        parameters.Add(new("ErrorCode", "0"));
        await webhooks.SendAsync(WebhookKind.RecordingStatus, snapshot.CallSid, recording.Callback.Url!, recording.Callback.Method, parameters, Stopping).ConfigureAwait(false);
    }
}
