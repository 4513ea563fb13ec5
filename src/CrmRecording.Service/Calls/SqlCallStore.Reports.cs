using System.Globalization;
using System.Text.Json;
using CrmRecording.Core.Reports;
using CrmRecording.Service.Crm;
using CrmRecording.Service.Reports;

namespace CrmRecording.Service.Calls;

/// <summary>
/// The calls of a period for the compliance report: a range over <c>created_at</c> (index <c>calls_created</c>), each
/// document read into only what the report needs; the customer's number is never decrypted.
/// </summary>
public sealed partial class SqlCallStore : ICallReportSource
{
    /// <summary>The statement the report runs (also what the plan tests and the benchmark explain).</summary>
    public const string ReportQuery = "SELECT document FROM calls WHERE created_at >= @from AND created_at < @to ORDER BY created_at;";

    public const string ReportIndex = "CREATE INDEX IF NOT EXISTS calls_created ON calls (created_at);";

    public async Task<IReadOnlyList<ReportCallRow>> ListForReportAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = ReportQuery;
        Add(command, "@from", Stamp(start));
        Add(command, "@to", Stamp(until));
        // The documents as UTF-8 (SQLite hands its text over as stored; PostgreSQL's comes as a string), read in order,
        // then parsed on every core: reading is one connection's work, parsing is most of the time.
        var documents = new List<byte[]>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                documents.Add(_postgres ? System.Text.Encoding.UTF8.GetBytes(reader.GetString(0)) : reader.GetFieldValue<byte[]>(0));
            }
        }

        return documents.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(d => JsonSerializer.Deserialize<CallReportDocument>(d, Json)!.ToRow())
            .ToList();
    }

    /// <summary>The form <c>created_at</c> is stored in (round-trip UTC), so text order is time order.</summary>
    private static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The fields of a stored <see cref="CallRecord"/> the report reads (the rest of the document is skipped).</summary>
    private sealed record CallReportDocument(
        string Id,
        string Crm,
        string Entity,
        Guid RecordId,
        CrmRecordRef? RecordRef,
        string CustomerTable,
        Guid CustomerId,
        CrmRecordRef? CustomerRef,
        Guid RepUserId,
        string? RepRef,
        string? RepName,
        string Decision,
        IReadOnlyList<string> Jurisdictions,
        string? DecidingJurisdiction,
        string? DecidingRule,
        string RulesVersion,
        Guid? PhoneCallId,
        CrmRecordRef? ActivityRef,
        IReadOnlyList<ConsentEvent>? ConsentEvents,
        IReadOnlyList<PausedSpan>? PausedSpans,
        IReadOnlyList<PauseRefusal>? PauseRefusals,
        IReadOnlyList<CallRecording>? Recordings,
        ManualStart? ManualStart,
        DateTimeOffset CreatedAt,
        DateTimeOffset? EndedAt)
    {
        public ReportCallRow ToRow()
        {
            var rep = RepRef ?? RepUserId.ToString("D");
            return new ReportCallRow(
                Id,
                Crm,
                rep,
                RepName,
                Decision,
                Jurisdictions,
                DecidingJurisdiction,
                DecidingRule,
                RulesVersion,
                CreatedAt,
                EndedAt,
                Ref(RecordRef ?? new CrmRecordRef(Crm, Entity, RecordId.ToString("D"))),
                Ref(CustomerRef ?? new CrmRecordRef(Crm, CustomerTable, CustomerId.ToString("D"))),
                ActivityRef is { } activity ? Ref(activity) : PhoneCallId is { } phoneCall ? new ReportCrmRef(Crm, "phonecall", phoneCall.ToString("D")) : null,
                (ConsentEvents ?? []).Select(e => new ReportConsentEvent(e.Kind, e.At, e.DisclosureKind, e.DisclosureVersion)).ToList(),
                (PausedSpans ?? []).Select(p => new ReportPausedSpan(p.PausedAt, p.ResumedAt)).ToList(),
                (PauseRefusals ?? []).Select(p => new ReportPauseRefusal(p.At, p.Reason)).ToList(),
                ManualStart is { } manual ? new ReportManualStart(manual.By == RepUserId ? rep : manual.By.ToString("D"), manual.At, manual.Attestation) : null,
                (Recordings ?? []).Select(r => new ReportCallRecording(r.RecordingSid, r.Status, r.VaultId, r.Problem)).ToList());
        }

        private static ReportCrmRef Ref(CrmRecordRef r) => new(r.Crm, r.Table, r.Id);
    }
}
