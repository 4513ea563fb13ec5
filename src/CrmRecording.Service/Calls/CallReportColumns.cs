using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Reports;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Calls;

/// <summary>
/// What the compliance report counts of a call (<see cref="ReportCallEvidence.ToRow"/>), kept beside its document in
/// the <c>calls</c> row and written with every save, so a report over a period reads these columns from one covering
/// index instead of parsing each call's document. <c>report_row</c> holds the row as one compact JSON array (one
/// column read per call instead of twenty: on SQLite, reading a column costs more than parsing its value). Refused
/// pauses, the hand start and lost recordings, which the report lists in full, stay in the document; the columns say
/// which calls have any.
/// </summary>
internal static class CallReportColumns
{
    /// <summary>The layout of the columns; a row written with a lower one (or before there were columns) is read from its document.</summary>
    public const int Version = 1;

    /// <summary>
    /// <c>report_version</c> of a call whose row would be longer than <see cref="MaxRowBytes"/> (dozens of recordings, a
    /// very long name): no row is kept, and the report reads the call from its document.
    /// </summary>
    public const int TooLong = -1;

    /// <summary>The longest row kept: PostgreSQL refuses an index entry past about 2,700 bytes, and the row is in one.</summary>
    public const int MaxRowBytes = 2000;

    /// <summary>The row as a JSON array: crm, rep, rep's name, decision, [jurisdictions], deciding jurisdiction and rule,
    /// rules version, placed, ended, record, customer, activity (<c>crm/entity/id</c>), consent answer, its disclosure's
    /// kind and version, pauses, paused milliseconds, recorded, [vault ids].</summary>
    public const string RowColumn = "report_row";

    /// <summary>The columns, as <see cref="Bind"/> binds them (<c>@report_version</c>, …).</summary>
    public static readonly IReadOnlyList<string> Names = ["report_version", "pause_refusals", RowColumn];

    /// <summary>Which calls the report reads in full from their documents.</summary>
    public const string NeedsDocument = "(report_version < 1 OR manual = 1 OR lost > 0 OR pause_refusals > 0)";

    /// <summary>Rows saved before this <see cref="Version"/> of the columns (not those too long to keep).</summary>
    public const string Stale = "report_version >= 0 AND report_version < @v";

    /// <summary>The call's evidence for the report, without its number.</summary>
    public static ReportCallEvidence Evidence(CallRecord call)
    {
        var rep = call.Rep();
        return new ReportCallEvidence(
            call.Id,
            call.Crm,
            rep,
            call.RepName,
            call.Decision.ToWireName(),
            call.Jurisdictions,
            call.DecidingJurisdiction,
            call.DecidingRule,
            call.RulesVersion,
            call.CreatedAt,
            call.EndedAt,
            Ref(call.Record()),
            Ref(call.Customer()),
            call.ActivityRef is { } activity ? Ref(activity) : call.PhoneCallId is { } phoneCall ? new ReportCrmRef(call.Crm, "phonecall", phoneCall.ToString("D")) : null,
            call.ConsentEvents.Select(e => new ReportConsentEvent(e.Kind, e.At, e.DisclosureKind, e.DisclosureVersion)).ToList(),
            call.PausedSpans.Select(p => new ReportPausedSpan(p.PausedAt, p.ResumedAt)).ToList(),
            call.PauseRefusals.Select(p => new ReportPauseRefusal(p.At, p.Reason)).ToList(),
            call.ManualStart is { } manual ? new ReportManualStart(manual.By == call.RepUserId ? rep : manual.By.ToString("D"), manual.At, manual.Attestation) : null,
            call.Recordings.Select(r => new ReportCallRecording(r.RecordingSid, r.Status, r.VaultId, r.Problem)).ToList());
    }

    public static void Bind(DbCommand command, CallRecord call)
    {
        var row = Evidence(call).ToRow();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(row.Crm);
            json.WriteStringValue(row.RepId);
            json.WriteStringValue(row.RepName);
            json.WriteStringValue(row.Decision);
            Strings(json, row.Jurisdictions);
            json.WriteStringValue(row.DecidingJurisdiction);
            json.WriteStringValue(row.DecidingRule);
            json.WriteStringValue(row.RulesVersion);
            json.WriteStringValue(row.CreatedAt);
            if (row.EndedAt is { } ended)
            {
                json.WriteStringValue(ended);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteStringValue(Text(row.Record));
            json.WriteStringValue(Text(row.Customer));
            json.WriteStringValue(row.Activity is { } activity ? Text(activity) : null);
            json.WriteStringValue(row.ConsentAnswer?.Kind);
            json.WriteStringValue(row.ConsentAnswer?.DisclosureKind);
            json.WriteStringValue(row.ConsentAnswer?.DisclosureVersion);
            json.WriteNumberValue(row.PausedSpans);
            json.WriteNumberValue(row.PausedMilliseconds);
            json.WriteBooleanValue(row.Recorded);
            Strings(json, row.VaultIds);
            json.WriteEndArray();
        }

        var kept = buffer.WrittenCount <= MaxRowBytes;
        SqlCallStore.Add(command, "@report_version", (long)(kept ? Version : TooLong));
        SqlCallStore.Add(command, "@pause_refusals", (long)row.PauseRefusals.Count);
        SqlCallStore.Add(command, "@" + RowColumn, kept ? System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) : DBNull.Value);
    }

    private static void Strings(Utf8JsonWriter json, IReadOnlyList<string> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>The form <c>created_at</c> and <c>ended_at</c> are stored in (round-trip UTC), so text order is time order.</summary>
    public static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);


    private static ReportCrmRef Ref(CrmRecordRef r) => new(r.Crm, r.Table, r.Id);

    /// <summary><c>crm/entity/id</c>: neither a CRM's name nor an entity's has a slash.</summary>
    private static string Text(ReportCrmRef r) => $"{r.Crm}/{r.Entity}/{r.Id}";

}
