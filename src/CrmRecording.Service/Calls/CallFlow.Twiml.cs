using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls.State;
using CrmRecording.Telephony;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Calls;

/// <summary>The TwiML Twilio fetches for each leg and step of a call.</summary>
internal sealed partial class CallFlow
{
    /// <summary>The rep answered: tell them what will happen and why, then dial the customer.</summary>
    public async Task<string> RepLegAsync(CallRecord call, TwilioForm form, CancellationToken cancellationToken)
    {
        call = await calls.UpdateAsync(call.Id, c => CallTransitions.RepAnswered(c, form.CallSid).Or(c), cancellationToken).ConfigureAwait(false);
        var repText = disclosures.Get($"rep-{RepKind(call.Decision)}", call.Language);
        return CallTwiml.RepLeg(
            repText.Text,
            repText.Language,
            call.CustomerPhone,
            twilioOptions.Value.CallerId ?? string.Empty,
            Callback(call, $"twilio/voice/{call.Id}/customer"),
            Callback(call, $"twilio/voice/{call.Id}/dial-complete"),
            recordFromAnswerDual: call.Decision == RecordingOutcome.Record,
            recordingStatusCallback: call.Decision == RecordingOutcome.Record ? RecordingCallback(call) : null);
    }

    /// <summary>The customer answered (the Number url runs on their leg before the legs are bridged).</summary>
    public async Task<string> CustomerLegAsync(CallRecord call, TwilioForm form, CancellationToken cancellationToken)
    {
        if (form.CallSid is { } child)
        {
            await calls.UpdateAsync(call.Id, c => CallTransitions.CustomerAnswered(c, child).Or(c), cancellationToken).ConfigureAwait(false);
        }

        return call.Decision switch
        {
            RecordingOutcome.RecordAfterNotice => NoticeTwiml(call),
            RecordingOutcome.RecordAfterConsent => ConsentTwiml(call),
            _ => CallTwiml.DoNotRecordLeg(),
        };
    }

    /// <summary>The notice has been played; continuing the call is consent where the law allows it, so recording starts.</summary>
    /// <param name="playedVersion">The disclosure version named in the callback URL (what was actually played).</param>
    public async Task<string> NoticePlayedAsync(CallRecord call, string? playedVersion, CancellationToken cancellationToken)
    {
        var notice = Notice(call) with { Version = playedVersion ?? Notice(call).Version };
        call = await events.AddAsync(call.Id, Event(call, "disclosure-played", null, "none", null, notice), cancellationToken).ConfigureAwait(false);
        call = await calls.UpdateAsync(call.Id, c => CallTransitions.NoticePlayed(c).Or(c), cancellationToken).ConfigureAwait(false);
        await StartRecordingAsync(call, manual: false, cancellationToken).ConfigureAwait(false);
        return CallTwiml.Empty();
    }

    /// <summary>The customer's answer to the consent question (keypad or speech; nothing when they stayed silent).</summary>
    public async Task<string> ConsentAnsweredAsync(CallRecord call, TwilioForm form, string? askedVersion, CancellationToken cancellationToken)
    {
        var question = Question(call) with { Version = askedVersion ?? Question(call).Version };
        var answer = ConsentAnswer.Parse(form.Digits, form.SpeechResult);
        telemetry.ConsentAnswered(answer.Kind);
        var heard = form.Digits is { Length: > 0 } d ? d : form.SpeechResult;
        var method = MethodName(answer);
        call = await events.AddAsync(call.Id, Event(call, "disclosure-played", null, "none", null, question), cancellationToken).ConfigureAwait(false);
        switch (answer.Kind)
        {
            case ConsentAnswerKind.Granted:
                call = await events.AddAsync(call.Id, Event(call, "consent-granted", "granted", method, heard, question), cancellationToken).ConfigureAwait(false);
                call = await calls.UpdateAsync(call.Id, c => CallTransitions.ConsentAnswered(c, answer.Kind).Or(c), cancellationToken).ConfigureAwait(false);
                await StartRecordingAsync(call, manual: false, cancellationToken).ConfigureAwait(false);
                return CallTwiml.ConsentGranted(disclosures.Get("consent-granted", call.Language));
            case ConsentAnswerKind.NoAnswer:
                // Silence is logged as a refusal on this call, but it is not the customer's answer: the contact's
                // consent on file is left as it is (answer null), so later calls ask again.
                await events.AddAsync(call.Id, Event(call, "consent-timeout", null, "none", null, question), cancellationToken).ConfigureAwait(false);
                await StopAnyRecordingAsync(call.Id, answer.Kind, cancellationToken).ConfigureAwait(false);
                return CallTwiml.ConsentTimeout(disclosures.Get("consent-timeout", call.Language));
            case ConsentAnswerKind.Declined:
                await events.AddAsync(call.Id, Event(call, "consent-declined", "declined", method, heard, question), cancellationToken).ConfigureAwait(false);
                await StopAnyRecordingAsync(call.Id, answer.Kind, cancellationToken).ConfigureAwait(false);
                return CallTwiml.ConsentDeclined(disclosures.Get("consent-declined", call.Language));
            default:
                // Anything we cannot read as a clear yes or no: consent must be unambiguous, so the call goes on
                // unrecorded; as with silence, the contact's consent on file is not changed.
                await events.AddAsync(call.Id, Event(call, "consent-unrecognized", null, method, heard, question), cancellationToken).ConfigureAwait(false);
                await StopAnyRecordingAsync(call.Id, answer.Kind, cancellationToken).ConfigureAwait(false);
                return CallTwiml.ConsentDeclined(disclosures.Get("consent-declined", call.Language));
        }
    }

    /// <summary>The customer's leg ended: end the rep's leg too.</summary>
    public async Task<string> DialCompletedAsync(CallRecord call, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        call = await calls.UpdateAsync(call.Id, c => CallTransitions.HungUp(c, now).Or(c), cancellationToken).ConfigureAwait(false);
        await CallCloseJob.QueueAsync(outbox, call, now, cancellationToken).ConfigureAwait(false);
        return CallTwiml.Hangup(null, call.Language);
    }

    /// <summary>Call progress from Twilio's status callback.</summary>
    public async Task CallStatusAsync(CallRecord call, TwilioForm form, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        call = await calls.UpdateAsync(call.Id, c => CallTransitions.StatusReported(c, form.CallStatus, now, form.CallDuration).Or(c), cancellationToken).ConfigureAwait(false);
        if (CallWireNames.TryParseStatus(form.CallStatus, out var reported) && reported.IsFinal())
        {
            await QueueUnfinishedIngestsAsync(call, cancellationToken).ConfigureAwait(false);
            await CallCloseJob.QueueAsync(outbox, call, now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Twilio does not retry a recording callback that failed; once the call is over, every recording it is
    /// known to have (started through the API, or announced in progress) is queued for ingest a little later
    /// anyway. When the callback did arrive the queue already holds the job and this is a no-op.
    /// </summary>
    private async Task QueueUnfinishedIngestsAsync(CallRecord call, CancellationToken cancellationToken)
    {
        var due = time.GetUtcNow() + TimeSpan.FromSeconds(Options.ReconcileAfterSeconds);
        foreach (var recording in call.Recordings.Where(r => r.VaultId is null && r.Status is not ("discarded" or "absent" or "failed")))
        {
            var job = new Ingest.RecordingIngestJob(call.Id, recording.RecordingSid, call.TwilioCallSid ?? string.Empty, null);
            await outbox.EnqueueAsync(job.ToOutboxJob(time.GetUtcNow(), due), cancellationToken).ConfigureAwait(false);
        }
    }

    // The wording's version rides in the (signed) callback URL, so the evidence names what was played even if
    // the catalog changes before the answer comes back.
    private string NoticeTwiml(CallRecord call)
    {
        var notice = Notice(call);
        return CallTwiml.NoticeLeg(notice, Callback(call, $"twilio/voice/{call.Id}/notice-played?v={Uri.EscapeDataString(notice.Version)}"));
    }

    private string ConsentTwiml(CallRecord call)
    {
        var question = Question(call);
        return CallTwiml.ConsentLeg(question, Callback(call, $"twilio/voice/{call.Id}/consent?v={Uri.EscapeDataString(question.Version)}"), Options.ConsentTimeoutSeconds);
    }

    private DisclosureText Notice(CallRecord call) => disclosures.Get("notice", call.Language);

    private DisclosureText Question(CallRecord call) => disclosures.Get("consent-question", call.Language);

    internal static Uri RecordingCallback(CallRecord call) => Callback(call, $"twilio/recording-status?call={call.Id}");

    private static string RepKind(RecordingOutcome decision) => decision switch
    {
        RecordingOutcome.Record => "record",
        RecordingOutcome.RecordAfterNotice => "notice",
        RecordingOutcome.RecordAfterConsent => "consent",
        _ => "do-not-record",
    };

    private static string MethodName(ConsentAnswer answer) => answer.Method.ToString().ToLowerInvariant();

    private ConsentEvent Event(CallRecord call, string kind, string? answer, string method, string? heard, DisclosureText disclosure) =>
        new(kind, time.GetUtcNow(), answer, method, heard, disclosure.Kind, disclosure.Version, disclosure.Language, call.Jurisdictions, call.Id);
}
