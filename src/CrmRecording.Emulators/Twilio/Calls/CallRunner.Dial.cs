using System.Globalization;
using CrmRecording.Emulators.Twilio.Journal;
using CrmRecording.Emulators.Twilio.Recordings;
using CrmRecording.Emulators.Twilio.TwiML;
using CrmRecording.Emulators.Twilio.Webhooks;

namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary><c>&lt;Dial&gt;</c>: the child leg, its <c>&lt;Number url&gt;</c> TwiML, the bridge, the Dial recording and the action.</summary>
internal sealed partial class CallRunner
{
    /// <summary>
    /// Places the child leg (a new call with <c>ParentCallSid</c>, direction <c>outbound-dial</c>), runs the
    /// <c>&lt;Number url&gt;</c> document on it, connects the parties when that document runs out and holds the bridge.
    /// When the dial ends, the Dial recording completes and <c>action</c> is requested with <c>DialCallStatus</c>,
    /// <c>DialCallSid</c>, <c>DialCallDuration</c> and <c>DialBridged</c> (https://www.twilio.com/docs/voice/twiml/dial#action),
    /// even when the caller has hung up (its answer is then ignored). Null means: go on with the next verb.
    /// </summary>
    private async Task<Step?> DialAsync(CallLeg leg, DialVerb dial, TwimlDocument document)
    {
        if (dial.Targets.Count == 0)
        {
            return null;
        }

        var target = dial.Targets[0];
        var child = new CallLeg(
            Sids.New("CA"),
            leg.Sid,
            target.To,
            dial.CallerId ?? leg.From,
            "outbound-dial",
            ScriptFor(target.To),
            target.StatusCallback is null ? CallbackTarget.None : CallbackTarget.From(document.Resolve(target.StatusCallback), target.StatusCallbackMethod, target.StatusCallbackEvent is { } e ? [e] : []),
            book.Now);
        book.Add(child);
        book.Change(() => leg.ChildSids.Add(child.Sid));

        var dialStatus = "completed";
        RecordingState? recording = null;
        if (!await RingChildAsync(child).ConfigureAwait(false))
        {
            dialStatus = child.Status == CallStatus.Busy ? "busy" : "no-answer";
        }
        else if (await WhisperAsync(child, target, document).ConfigureAwait(false) && !leg.HangUpRequested)
        {
            if (dial.Records)
            {
                recording = await StartRecordingAsync(
                    leg,
                    "DialVerb",
                    dial.RecordingChannels,
                    "both",
                    CallbackTarget.From(document.Resolve(dial.RecordingStatusCallback), dial.RecordingStatusCallbackMethod, dial.RecordingStatusCallbackEvent is { } events ? [events] : [])).ConfigureAwait(false);
            }

            // Bridged only once a record-from-answer recording is under way: a test that sees the bridge and moves
            // the clock must find the recording already running (it once saw a zero-length, absent one).
            book.Change(() => leg.Bridged = child.Bridged = true);

            await HoldBridgeAsync(leg, child).ConfigureAwait(false);
        }

        if (recording is not null)
        {
            await FinishRecordingAsync(recording).ConfigureAwait(false);
        }

        TwimlDocument? next = null;
        var actionFailed = false;
        await FinishAsync(child, child.Status == CallStatus.InProgress ? CallStatus.Completed : child.Status, async () =>
        {
            if (document.Resolve(dial.Action) is not { } action)
            {
                return;
            }

            var parameters = CallParameters(leg, leg.HangUpRequested ? "completed" : null);
            parameters.Add(new("DialCallStatus", dialStatus));
            parameters.Add(new("DialCallSid", child.Sid));
            parameters.Add(new("DialCallDuration", Seconds(child.StartTime, child.EndTime).ToString(CultureInfo.InvariantCulture)));
            parameters.Add(new("DialBridged", child.Bridged ? "true" : "false"));
            if (recording is not null)
            {
                var finished = recording.Snapshot(book.Now);
                parameters.Add(new("RecordingUrl", RecordingUrl(recording.Sid)));
                parameters.Add(new("RecordingSid", recording.Sid));
                parameters.Add(new("RecordingDuration", finished.DurationSeconds.ToString(CultureInfo.InvariantCulture)));
            }

            if (leg.HangUpRequested)
            {
                await webhooks.SendAsync(WebhookKind.Action, leg.Sid, action, dial.Method, parameters, Stopping).ConfigureAwait(false);
                return;
            }

            next = await FetchAsync(leg, WebhookKind.Action, action, dial.Method, parameters).ConfigureAwait(false);
            actionFailed = next is null;
        }).ConfigureAwait(false);

        if (leg.HangUpRequested)
        {
            return new Step(LegEnd.HungUp);
        }

        if (leg.PendingInterruption is not null)
        {
            return new Step(LegEnd.Interrupted);
        }

        return actionFailed ? new Step(ApplicationError(leg)) : next is not null ? Step.Continue(next) : null;
    }

    private async Task<bool> RingChildAsync(CallLeg child)
    {
        await StatusEventAsync(child, "initiated").ConfigureAwait(false);
        book.Change(() => child.Status = CallStatus.Ringing);
        await StatusEventAsync(child, "ringing").ConfigureAwait(false);
        if (child.Script.Behavior is CalleeBehavior.Busy or CalleeBehavior.DoesNotAnswer)
        {
            book.Change(() => child.Status = child.Script.Behavior == CalleeBehavior.Busy ? CallStatus.Busy : CallStatus.NoAnswer);
            return false;
        }

        book.Change(() =>
        {
            child.Status = CallStatus.InProgress;
            child.StartTime = child.DateUpdated = book.Now;
        });
        await StatusEventAsync(child, "answered").ConfigureAwait(false);
        return true;
    }

    /// <summary>Runs the <c>&lt;Number url&gt;</c> document on the child; true when it ran out with the child still on the line.</summary>
    private async Task<bool> WhisperAsync(CallLeg child, DialTarget target, TwimlDocument document)
    {
        if (document.Resolve(target.Url) is not { } url)
        {
            return true;
        }

        var whisper = await FetchAsync(child, WebhookKind.Voice, url, target.Method, CallParameters(child)).ConfigureAwait(false);
        if (whisper is null)
        {
            ApplicationError(child);
            return false;
        }

        return await ExecuteAsync(child, whisper).ConfigureAwait(false) == LegEnd.RanOut && !child.HangUpRequested;
    }

    /// <summary>
    /// Holds the connected parties until either leg is hung up or redirected, or until
    /// <see cref="TwilioStandInOptions.AutoHangUpAfter"/> of real time, when the dialled party hangs up.
    /// </summary>
    private async Task HoldBridgeAsync(CallLeg leg, CallLeg child)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        var autoHangUp = Task.Delay(options.AutoHangUpAfter ?? Timeout.InfiniteTimeSpan, timer.Token);
        await Task.WhenAny(leg.Interrupted, child.Interrupted, autoHangUp).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        Stopping.ThrowIfCancellationRequested();

        // Whoever ends the bridge, the dialled party's leg ends with it; the caller's leg goes on unless it was hung up.
        book.Change(() => child.Interrupt(LegInterruption.HangUpNow));
    }
}
