using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmRecording.Core.Decisions;
using CrmRecording.Service.Ingest;
using CrmRecording.Telephony;

namespace CrmRecording.Service.Telemetry;

/// <summary>
/// The service's own instruments and trace source, named <see cref="Name"/>: calls by decision, consent answers,
/// ingest latency, outbox depth and age per kind, dead jobs, and remote (CRM, Twilio) errors and throttling. Tags
/// carry closed sets only (a decision, an answer, a job kind, a remote, a status code): never a number, a name or an id.
/// </summary>
internal sealed class CrmRecordingTelemetry
{
    public const string Name = "CrmRecording.Service";

    /// <summary>The Salesforce client's meter (API requests used and allowed in the rolling 24 hours), exported beside ours.</summary>
    public const string SalesforceMeter = "CrmRecording.Salesforce";

    /// <summary>Spans for the service's own work: a call placed, a recording ingested, an outbox job run.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _calls;
    private readonly Counter<long> _consentAnswers;
    private readonly Histogram<double> _ingest;
    private readonly Counter<long> _deadJobs;
    private readonly Counter<long> _remoteErrors;
    private readonly Counter<long> _throttled;

    public CrmRecordingTelemetry(IMeterFactory meters, OutboxDepthSnapshot depth)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(depth);
        var meter = meters.Create(Name);
        _calls = meter.CreateCounter<long>("crmrecording.calls", "{call}", "Calls placed, by the recording decision the consent engine took.");
        _consentAnswers = meter.CreateCounter<long>("crmrecording.consent.answers", "{answer}", "Customers' answers to the consent question: granted, declined, no-answer, unrecognized.");
        _ingest = meter.CreateHistogram<double>("crmrecording.ingest.duration", "s", "Time from a finished call's recording being queued for ingest to the end of its ingest (stored and linked, discarded, lost), retries included.");
        _deadJobs = meter.CreateCounter<long>("crmrecording.outbox.dead", "{job}", "Outbox jobs given up on (dead-lettered), by kind.");
        _remoteErrors = meter.CreateCounter<long>("crmrecording.remote.errors", "{response}", "Failed answers (4xx, 5xx or no answer) from the CRMs and Twilio, by remote and status.");
        _throttled = meter.CreateCounter<long>("crmrecording.remote.throttled", "{response}", "Answers that asked us to slow down (429, 503, an API limit), by remote and status.");
        meter.CreateObservableGauge("crmrecording.outbox.depth", depth.Depths, "{job}", "Outbox jobs waiting (not done, not dead), by kind, as last sampled.");
        meter.CreateObservableGauge("crmrecording.outbox.oldest_age", depth.Ages, "s", "Age of the oldest waiting outbox job, by kind, as last sampled.");
    }

    /// <summary>A span for one run of an outbox job, named by its kind; null when nobody listens.</summary>
    public static Activity? StartJob(string kind) => Source.StartActivity("outbox " + kind)?.SetTag("outbox.kind", kind);

    /// <summary>A span for a click to dial, from the CRM reads to Twilio's answer; null when nobody listens.</summary>
    public static Activity? StartPlacing() => Source.StartActivity("call place");

    public void CallPlaced(RecordingOutcome decision) => _calls.Add(1, new KeyValuePair<string, object?>("decision", decision.ToWireName()));

    public void ConsentAnswered(ConsentAnswerKind answer) => _consentAnswers.Add(1, new KeyValuePair<string, object?>("answer", answer switch
    {
        ConsentAnswerKind.Granted => "granted",
        ConsentAnswerKind.Declined => "declined",
        ConsentAnswerKind.NoAnswer => "no-answer",
        _ => "unrecognized",
    }));

    /// <summary>A finished outbox job: for a recording's ingest, how long from its queueing to its end, by outcome (stored, discarded, lost).</summary>
    public void JobDone(string kind, string outcome, TimeSpan sinceQueued)
    {
        if (kind == RecordingIngestJob.Kind)
        {
            _ingest.Record(Math.Max(0, sinceQueued.TotalSeconds), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void JobDead(string kind) => _deadJobs.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts a remote's failed answer (<paramref name="status"/> 0: none came); throttling answers count as throttled too.</summary>
    public void RemoteFailed(string remote, int status)
    {
        var tags = new TagList { { "remote", remote }, { "status", status } };
        _remoteErrors.Add(1, tags);
        if (status is 429 or 503)
        {
            _throttled.Add(1, tags);
        }
    }

    /// <summary>A remote answered but said its limit is reached (Salesforce's REQUEST_LIMIT_EXCEEDED comes as 403).</summary>
    public void RemoteLimited(string remote, int status) => _throttled.Add(1, new TagList { { "remote", remote }, { "status", status } });
}
