using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls.State;

namespace CrmRecording.Service.Calls.Live;

/// <summary>
/// What the dialer shows of a call while it runs, pushed on every change: where the call is, what the customer heard
/// and answered, whether audio is being kept, and, at the end, the stored recordings. No phone number.
/// </summary>
/// <param name="Phase">placing, ringing (the customer has not picked up), answered, ended.</param>
/// <param name="Recording">waiting (not yet allowed or started), recording, paused, stopped (after a no), not-recorded, finished (the call ended with audio kept).</param>
/// <param name="EndStatus">How the call ended (completed, no-answer, busy, failed, canceled); null while it runs.</param>
/// <param name="Final">Nothing more will change: the call ended and every recording is stored (its link written to the CRM) or discarded.</param>
public sealed record CallStateView(
    string CallId,
    long Version,
    string Phase,
    string Decision,
    bool DisclosurePlayed,
    ConsentAnswerView? Consent,
    DateTimeOffset? ManualStartAt,
    string Recording,
    IReadOnlyList<PausedSpanWindow> PausedSpans,
    string? EndStatus,
    DateTimeOffset? EndedAt,
    IReadOnlyList<StoredRecordingView> Stored,
    bool Final)
{
    private static readonly string[] Terminal = ["stored", "discarded", "absent", "failed"];

    public static CallStateView From(CallRecord call)
    {
        var ended = call.EndedAt is not null;
        var phase = ended ? "ended" : call.CustomerCallSid is not null ? "answered" : call.Status == CallStatus.Placing ? "placing" : "ringing";
        var answered = call.CustomerCallSid is not null;
        // A stored recording is final once its link is on the CRM's phone call too.
        var allTerminal = call.Recordings.All(r => Terminal.Contains(r.Status) && (r.Status != "stored" || r.WrittenToCrm));
        // A call allowed to record and answered produces a recording Twilio reports after the hang-up: wait for it.
        var final = ended && allTerminal && (call.Recordings.Count > 0 || !call.RecordingAllowed || !answered || call.Status != CallStatus.Completed);
        return new CallStateView(
            call.Id,
            call.Version,
            phase,
            call.Decision.ToWireName(),
            call.ConsentEvents.Any(e => e.Kind == "disclosure-played"),
            ConsentAnswerView.From(call.ConsentEvents),
            call.ManualStart?.At,
            RecordingState(call, ended),
            [.. call.PausedSpans.Select(p => new PausedSpanWindow(p.PausedAt, p.ResumedAt))],
            ended ? call.Status.ToWireName() : null,
            call.EndedAt,
            [.. call.Recordings.Where(r => r.Status == "stored" && r.VaultId is not null).Select(r => new StoredRecordingView(r.VaultId!, r.Seconds, r.Manual))],
            final);
    }

    private static string RecordingState(CallRecord call, bool ended)
    {
        if (!ended && call.Recordings.Any(r => r.Status == "paused"))
        {
            return "paused";
        }

        if (!ended && call.Recordings.Any(r => r.Status == "in-progress"))
        {
            return "recording";
        }

        if (call.Recordings.Any(r => r.Status is "stored" or "ingesting" or "in-progress" or "paused"))
        {
            return "finished";
        }

        if (call.Recordings.Any(r => r.Status == "stopped") || call.ConsentEvents.Any(e => e.Kind is "consent-declined" or "consent-timeout" or "consent-unrecognized"))
        {
            return call.Recordings.Any(r => r.Status == "stopped") ? "stopped" : "not-recorded";
        }

        return call.Decision == RecordingOutcome.DoNotRecord || ended ? "not-recorded" : "waiting";
    }
}

/// <summary>The customer's answer to the consent question: granted, declined, no-answer (silence) or unclear.</summary>
public sealed record ConsentAnswerView(string Answer, string Method, DateTimeOffset At)
{
    public static ConsentAnswerView? From(IReadOnlyList<ConsentEvent> events)
    {
        var answer = events.LastOrDefault(e => e.Kind is "consent-granted" or "consent-declined" or "consent-timeout" or "consent-unrecognized");
        return answer is null ? null : new ConsentAnswerView(
            answer.Kind switch
            {
                "consent-granted" => "granted",
                "consent-declined" => "declined",
                "consent-timeout" => "no-answer",
                _ => "unclear",
            },
            answer.Method,
            answer.At);
    }
}

/// <summary>A span kept out of the recording; <paramref name="To"/> is null while the pause lasts.</summary>
public sealed record PausedSpanWindow(DateTimeOffset From, DateTimeOffset? To);

/// <summary>A recording of the call that is in the vault (the id the player opens).</summary>
public sealed record StoredRecordingView(string RecordingId, int? Seconds, bool Manual);
