using System.Text.Json.Serialization;
using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls.State;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Calls;

/// <summary>
/// One click-to-dial call as the service knows it: who called whom about what, the consent decision and its
/// reasons, every consent event, paused spans and the recordings it produced. Stored as one JSON document with
/// a version for optimistic concurrency, so any service instance can answer the call's next webhook.
/// </summary>
public sealed record CallRecord
{
    /// <summary>Random 128-bit id (hex); unguessable, used in callback URLs and by the dialer.</summary>
    public required string Id { get; init; }

    /// <summary><c>dynamics</c> or <c>salesforce</c>: which CRM the records below live in.</summary>
    public required string Crm { get; init; }

    /// <summary>The row the rep dialled from: contact, lead or opportunity.</summary>
    public required string Entity { get; init; }

    /// <summary>The row's id in Dataverse; for other CRMs its local key (<see cref="CrmRecordRef.Key"/>), the id being in <see cref="RecordRef"/>.</summary>
    public required Guid RecordId { get; init; }

    /// <summary>The record dialled from, by the CRM's own id; absent on calls stored before CRMs other than Dynamics (then <see cref="Record"/> rebuilds it).</summary>
    public CrmRecordRef? RecordRef { get; init; }

    /// <summary>The contact or lead called (for an opportunity, its customer).</summary>
    public required string CustomerTable { get; init; }

    public required Guid CustomerId { get; init; }

    /// <summary>The customer by the CRM's own id (Salesforce: a Contact or Lead id); absent on older calls.</summary>
    public CrmRecordRef? CustomerRef { get; init; }

    /// <summary>The CRM user who placed the call; owns it for playback. For CRMs other than Dynamics, the local key of <see cref="RepRef"/>.</summary>
    public required Guid RepUserId { get; init; }

    /// <summary>The rep's id in the CRM (a systemuserid, a Salesforce User id); absent on older calls.</summary>
    public string? RepRef { get; init; }

    /// <summary>The rep's full name as the CRM had it when the call was placed, for the player and the audit views.</summary>
    public string? RepName { get; init; }

    /// <summary>E.164 number dialled; never logged, and encrypted in the call store (the TwiML step dials it after the call is placed).</summary>
    public required string CustomerPhone { get; init; }

    /// <summary>The number's last four digits, what the call store keeps in clear for display.</summary>
    public string CustomerPhoneShown => PhoneField.Redact(CustomerPhone);

    /// <summary>What the consent engine decided before the call was placed (stored by its wire name, <c>record-after-consent</c>).</summary>
    [JsonConverter(typeof(CallWireNames.DecisionConverter))]
    public required RecordingOutcome Decision { get; init; }

    public required IReadOnlyList<string> Reasons { get; init; }

    public required IReadOnlyList<string> Jurisdictions { get; init; }

    /// <summary>The jurisdiction whose rule decided (the strictest weighed); null when no location decided, and on calls stored before it was kept.</summary>
    public string? DecidingJurisdiction { get; init; }

    /// <summary>The deciding jurisdiction's rule as applied (<c>one-party</c>, <c>notice-required</c>, …, by wire name); null as above.</summary>
    public string? DecidingRule { get; init; }

    /// <summary>Versions of the rules, calling-code and area-code data and policy the decision used.</summary>
    public required string RulesVersion { get; init; }

    /// <summary>
    /// The public root Twilio calls back for this call (<c>Twilio:PublicBaseUrl</c> when it was placed), kept so
    /// every later URL of the call, and the recording link, match even if the setting changes meanwhile.
    /// </summary>
    public required Uri CallbackBase { get; init; }

    /// <summary>Language of the disclosure texts played to the customer.</summary>
    public required string Language { get; init; }

    /// <summary>Set once the CRM activity exists: the phone call's id in Dataverse, the local key of the Task in Salesforce.</summary>
    public Guid? PhoneCallId { get; init; }

    /// <summary>The call's activity by the CRM's own id (a phonecall, a Salesforce Task); absent on older calls.</summary>
    public CrmRecordRef? ActivityRef { get; init; }

    /// <summary>The rep's (parent) leg at Twilio.</summary>
    public string? TwilioCallSid { get; init; }

    /// <summary>The customer's (child) leg at Twilio.</summary>
    public string? CustomerCallSid { get; init; }

    /// <summary>Where the call is (stored by its wire name, <c>in-progress</c>); moved only by <see cref="CallTransitions"/>.</summary>
    [JsonConverter(typeof(CallWireNames.StatusConverter))]
    public CallStatus Status { get; init; } = CallStatus.Placing;

    /// <summary>Whether recording is allowed now (decision, consent answer or rep attestation).</summary>
    public bool RecordingAllowed { get; init; }

    public IReadOnlyList<ConsentEvent> ConsentEvents { get; init; } = [];

    public IReadOnlyList<PausedSpan> PausedSpans { get; init; } = [];

    /// <summary>PCI pauses the rep asked for that the telephony provider refused: the recording went on.</summary>
    public IReadOnlyList<PauseRefusal> PauseRefusals { get; init; } = [];

    public IReadOnlyList<CallRecording> Recordings { get; init; } = [];

    /// <summary>Set when the rep started recording by hand after a verbal disclosure; listed for audit.</summary>
    public ManualStart? ManualStart { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>How long the call lasted by Twilio's count (<c>CallDuration</c>), once it ended; null on calls stored before, or when Twilio did not say.</summary>
    public int? Seconds { get; init; }

    /// <summary>The call's length for the CRM activity: Twilio's count, else from placing to end.</summary>
    public int? LengthSeconds() => Seconds ?? (EndedAt is { } end ? (int)Math.Max(0, Math.Round((end - CreatedAt).TotalSeconds)) : null);

    /// <summary>Concurrency token; bumped by every stored change.</summary>
    public long Version { get; init; }

    /// <summary>The record dialled from, by the CRM's id (calls stored before <see cref="RecordRef"/> are Dynamics calls).</summary>
    public CrmRecordRef Record() => RecordRef ?? new(Crm, Entity, RecordId.ToString("D"));

    /// <summary>The customer called, by the CRM's id.</summary>
    public CrmRecordRef Customer() => CustomerRef ?? new(Crm, CustomerTable, CustomerId.ToString("D"));

    /// <summary>The rep's id in the CRM.</summary>
    public string Rep() => RepRef ?? RepUserId.ToString("D");

    /// <summary>The call is over (its end time is set with its final <see cref="Status"/>).</summary>
    [JsonIgnore]
    public bool IsEnded => EndedAt is not null;

    /// <summary>The call has ended and each of its recordings is in a final state: reconciliation leaves it alone.</summary>
    [JsonIgnore]
    public bool IsSettled => EndedAt is not null && Recordings.All(r => r.IsSettled);

    /// <summary>Consent events and the decision in one line for the CRM activity.</summary>
    public string ConsentSummary()
    {
        var lines = new List<string> { $"Decision: {Decision.ToWireName()} ({string.Join(", ", Jurisdictions)})." };
        lines.AddRange(ConsentEvents.Select(e => e.Describe()));
        if (ManualStart is { } manual)
        {
            lines.Add($"Recording started by the rep at {manual.At:u} after a verbal disclosure: \"{manual.Attestation}\".");
        }

        if (PausedSpans.Count > 0)
        {
            lines.Add($"Paused for payment {PausedSpans.Count} time(s): " + string.Join("; ", PausedSpans.Select(p => p.Describe())) + ".");
        }

        lines.AddRange(Recordings.Where(r => r.Status == "lost").Select(r => $"RECORDING LOST ({r.RecordingSid}): {r.Problem ?? "no reason recorded"}."));
        return string.Join(' ', lines);
    }
}
