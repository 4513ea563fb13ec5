using System.Text.Json;
using CrmRecording.Dataverse.Http;
using CrmRecording.Dataverse.PhoneCalls;

namespace CrmRecording.Dataverse;

/// <summary>Phone call activities and the consent evidence attached to them (notes, consent log rows).</summary>
public sealed partial class DataverseClient
{
    private const int FromParty = 1; // ActivityParty.ParticipationTypeMask Sender: PhoneCall.From
    private const int ToParty = 2; // ToRecipient: PhoneCall.To
    private const int PhoneCallCompleted = 1; // phonecall statecode: 0 Open, 1 Completed, 2 Canceled
    private const int PhoneCallMade = 2; // phonecall statuscode of Completed: 2 Made, 4 Received

    /// <summary>
    /// Creates a phone call regarding an opportunity, contact or lead (<c>regardingobjectid_{table}_phonecall@odata.bind</c>)
    /// with its parties deep-inserted as <c>phonecall_activity_parties</c>; returns the new <c>activityid</c>.
    /// </summary>
    public Task<Guid> CreatePhoneCallAsync(NewPhoneCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        RequireTable(call.Regarding, nameof(call), DataverseTable.Opportunity, DataverseTable.Contact, DataverseTable.Lead);
        RequireTable(call.Customer, nameof(call), DataverseTable.Contact, DataverseTable.Lead);
        ThrowIfEmpty(call.Rep, nameof(call));
        ArgumentException.ThrowIfNullOrWhiteSpace(call.Subject, nameof(call));
        ArgumentException.ThrowIfNullOrWhiteSpace(call.PhoneNumber, nameof(call));

        var rep = RowReference.SystemUser(call.Rep);
        var body = ODataBody.Object(w =>
        {
            ODataBody.Column(w, "subject", call.Subject);
            ODataBody.Column(w, "phonenumber", call.PhoneNumber);
            ODataBody.Column(w, "directioncode", call.Outgoing);
            ODataBody.Column(w, $"regardingobjectid_{call.Regarding.Table.LogicalName}_phonecall@odata.bind", call.Regarding);
            w.WriteStartArray("phonecall_activity_parties");
            WriteParty(w, call.Outgoing ? rep : call.Customer, FromParty);
            WriteParty(w, call.Outgoing ? call.Customer : rep, ToParty);
            w.WriteEndArray();
        });
        return CreateAsync(DataverseTable.PhoneCall, "activityid", body, cancellationToken);
    }

    /// <summary>Writes the recording link, duration, consent summary and decision onto a phone call (PATCH, never an upsert).</summary>
    public Task UpdatePhoneCallAsync(Guid phoneCallId, PhoneCallRecording recording, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ThrowIfEmpty(phoneCallId, nameof(phoneCallId));
        var columns = new (string Column, object? Value)[]
        {
            ("crr_recordingurl", recording.RecordingUrl),
            ("crr_recordedseconds", recording.RecordedSeconds),
            ("crr_consentsummary", recording.ConsentSummary),
            ("crr_decision", recording.Decision),
            ("crr_decisionreasons", recording.DecisionReasons),
        }.Where(c => c.Value is not null).ToList();
        if (columns.Count == 0)
        {
            throw new ArgumentException("Nothing to write: every member is null.", nameof(recording));
        }

        return PatchAsync($"{DataverseTable.PhoneCall.EntitySetName}({phoneCallId:D})", ODataBody.Object(w =>
        {
            foreach (var (column, value) in columns)
            {
                ODataBody.Column(w, column, value);
            }
        }), cancellationToken);
    }

    /// <summary>
    /// Closes a phone call as made (<c>statecode</c> 1 Completed, <c>statuscode</c> 2 Made) with its length
    /// (<c>actualdurationminutes</c>, whole minutes rounded up) and the summary columns, in one PATCH. A closed activity is
    /// read-only in Dataverse: this is the last write to the phone call.
    /// </summary>
    public Task ClosePhoneCallAsync(Guid phoneCallId, int? durationSeconds, PhoneCallRecording summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ThrowIfEmpty(phoneCallId, nameof(phoneCallId));
        ArgumentOutOfRangeException.ThrowIfNegative(durationSeconds ?? 0, nameof(durationSeconds));
        var columns = new (string Column, object? Value)[]
        {
            ("crr_consentsummary", summary.ConsentSummary),
            ("crr_decision", summary.Decision),
            ("crr_decisionreasons", summary.DecisionReasons),
            ("actualdurationminutes", durationSeconds is { } s ? (s + 59) / 60 : null),
        }.Where(c => c.Value is not null).ToList();
        return PatchAsync($"{DataverseTable.PhoneCall.EntitySetName}({phoneCallId:D})", ODataBody.Object(w =>
        {
            foreach (var (column, value) in columns)
            {
                ODataBody.Column(w, column, value);
            }

            ODataBody.Column(w, "statecode", PhoneCallCompleted);
            ODataBody.Column(w, "statuscode", PhoneCallMade);
        }), cancellationToken);
    }

    /// <summary>Adds a note (<c>annotations</c>) to a row's timeline with <c>objectid_{table}@odata.bind</c>; returns the <c>annotationid</c>.</summary>
    public Task<Guid> CreateNoteAsync(RowReference regarding, string subject, string text, CancellationToken cancellationToken = default)
    {
        ThrowIfEmpty(regarding.Id, nameof(regarding));
        ArgumentException.ThrowIfNullOrWhiteSpace(regarding.Table.LogicalName, nameof(regarding));
        ArgumentException.ThrowIfNullOrWhiteSpace(regarding.Table.EntitySetName, nameof(regarding));
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(text);
        var body = ODataBody.Object(w =>
        {
            ODataBody.Column(w, "subject", subject);
            ODataBody.Column(w, "notetext", text);
            ODataBody.Column(w, $"objectid_{regarding.Table.LogicalName}@odata.bind", regarding);
        });
        return CreateAsync(DataverseTable.Annotation, "annotationid", body, cancellationToken);
    }

    /// <summary>Creates a <c>crr_consentlog</c> row bound to its phone call (<c>crr_PhoneCallId@odata.bind</c>); returns its id.</summary>
    public Task<Guid> CreateConsentLogAsync(ConsentLogRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ThrowIfEmpty(row.PhoneCallId, nameof(row));
        ArgumentException.ThrowIfNullOrWhiteSpace(row.Event, nameof(row));
        if (row.Customer is { } c)
        {
            RequireTable(c, nameof(row), DataverseTable.Contact, DataverseTable.Lead);
        }
        var body = ODataBody.Object(w =>
        {
            ODataBody.Column(w, "crr_event", row.Event);
            ODataBody.Column(w, "crr_answer", row.Answer);
            ODataBody.Column(w, "crr_method", row.Method);
            ODataBody.Column(w, "crr_jurisdictions", row.Jurisdictions);
            ODataBody.Column(w, "crr_disclosureversion", row.DisclosureVersion);
            ODataBody.Column(w, "crr_callid", row.CallId);
            ODataBody.Column(w, "crr_at", row.At);
            ODataBody.Column(w, "crr_PhoneCallId@odata.bind", RowReference.PhoneCall(row.PhoneCallId));
            if (row.Customer is { } customer)
            {
                // crr_customerid is a customer lookup (contact or lead): the navigation property names the table.
                ODataBody.Column(w, $"crr_customerid_{customer.Table.LogicalName}@odata.bind", customer);
            }
        });
        return CreateAsync(DataverseTable.ConsentLog, "crr_consentlogid", body, cancellationToken);
    }

    private static void WriteParty(Utf8JsonWriter writer, RowReference party, int participation)
    {
        writer.WriteStartObject();
        ODataBody.Column(writer, $"partyid_{party.Table.LogicalName}@odata.bind", party);
        ODataBody.Column(writer, "participationtypemask", participation);
        writer.WriteEndObject();
    }

    private static void RequireTable(RowReference row, string paramName, params DataverseTable[] allowed)
    {
        if (!allowed.Contains(row.Table))
        {
            throw new ArgumentException($"{row} must be a row of {string.Join(", ", allowed)}.", paramName);
        }

        ThrowIfEmpty(row.Id, paramName);
    }
}
