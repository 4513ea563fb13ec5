using CrmRecording.Core.Reports;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Calls;

/// <summary>
/// The fields of a stored <see cref="CallRecord"/> the compliance report reads; every other property of the document
/// (and of its consent events, pauses and recordings) is skipped by the parser without being materialised. Classes
/// with settable properties, not positional records: the serializer fills them as it reads, without buffering the
/// constructor's arguments.
/// </summary>
internal sealed class CallReportDocument
{
    public string Id { get; set; } = string.Empty;

    public string Crm { get; set; } = string.Empty;

    public string Entity { get; set; } = string.Empty;

    public Guid RecordId { get; set; }

    public CrmRecordRef? RecordRef { get; set; }

    public string CustomerTable { get; set; } = string.Empty;

    public Guid CustomerId { get; set; }

    public CrmRecordRef? CustomerRef { get; set; }

    public Guid RepUserId { get; set; }

    public string? RepRef { get; set; }

    public string? RepName { get; set; }

    public string Decision { get; set; } = string.Empty;

    public List<string>? Jurisdictions { get; set; }

    public string? DecidingJurisdiction { get; set; }

    public string? DecidingRule { get; set; }

    public string RulesVersion { get; set; } = string.Empty;

    public Guid? PhoneCallId { get; set; }

    public CrmRecordRef? ActivityRef { get; set; }

    public List<ConsentPart>? ConsentEvents { get; set; }

    public List<PausePart>? PausedSpans { get; set; }

    public List<RefusalPart>? PauseRefusals { get; set; }

    public List<RecordingPart>? Recordings { get; set; }

    public ManualPart? ManualStart { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public ReportCallRow ToRow()
    {
        var rep = RepRef ?? RepUserId.ToString("D");
        return new ReportCallRow(
            Id,
            Crm,
            rep,
            RepName,
            Decision,
            Jurisdictions ?? [],
            DecidingJurisdiction,
            DecidingRule,
            RulesVersion,
            CreatedAt,
            EndedAt,
            Ref(RecordRef ?? new CrmRecordRef(Crm, Entity, RecordId.ToString("D"))),
            Ref(CustomerRef ?? new CrmRecordRef(Crm, CustomerTable, CustomerId.ToString("D"))),
            ActivityRef is { } activity ? Ref(activity) : PhoneCallId is { } phoneCall ? new ReportCrmRef(Crm, "phonecall", phoneCall.ToString("D")) : null,
            ConsentEvents is null ? [] : ConsentEvents.ConvertAll(e => new ReportConsentEvent(e.Kind, e.At, e.DisclosureKind, e.DisclosureVersion)),
            PausedSpans is null ? [] : PausedSpans.ConvertAll(p => new ReportPausedSpan(p.PausedAt, p.ResumedAt)),
            PauseRefusals is null ? [] : PauseRefusals.ConvertAll(p => new ReportPauseRefusal(p.At, p.Reason)),
            ManualStart is { } manual ? new ReportManualStart(manual.By == RepUserId ? rep : manual.By.ToString("D"), manual.At, manual.Attestation) : null,
            Recordings is null ? [] : Recordings.ConvertAll(r => new ReportCallRecording(r.RecordingSid, r.Status, r.VaultId, r.Problem)));
    }

    private static ReportCrmRef Ref(CrmRecordRef r) => new(r.Crm, r.Table, r.Id);

    internal sealed class ConsentPart
    {
        public string Kind { get; set; } = string.Empty;

        public DateTimeOffset At { get; set; }

        public string DisclosureKind { get; set; } = string.Empty;

        public string DisclosureVersion { get; set; } = string.Empty;
    }

    internal sealed class PausePart
    {
        public DateTimeOffset PausedAt { get; set; }

        public DateTimeOffset? ResumedAt { get; set; }
    }

    internal sealed class RefusalPart
    {
        public DateTimeOffset At { get; set; }

        public string Reason { get; set; } = string.Empty;
    }

    internal sealed class RecordingPart
    {
        public string RecordingSid { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public string? VaultId { get; set; }

        public string? Problem { get; set; }
    }

    internal sealed class ManualPart
    {
        public Guid By { get; set; }

        public DateTimeOffset At { get; set; }

        public string Attestation { get; set; } = string.Empty;
    }
}
