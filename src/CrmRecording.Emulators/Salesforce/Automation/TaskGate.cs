using System.Net;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce.Http;

namespace CrmRecording.Emulators.Salesforce.Automation;

/// <summary>
/// The package's validation rule on Task: a call Task (<c>TaskSubtype = 'Call'</c>) logged as recorded
/// (<c>CallDisposition</c> starting with "Recorded", as the service writes it) for a Contact or Lead who declined or
/// revoked recording, or is marked do-not-record, is refused with FIELD_CUSTOM_VALIDATION_EXCEPTION, on insert and on update.
/// </summary>
internal static class TaskGate
{
    public const string RecordedMarker = "Recorded";

    public static ApiError? Check(string type, JsonObject task, Func<string, string, JsonObject?> find)
    {
        if (type != "Task" || Text(task, "TaskSubtype") != "Call" || Text(task, "CallDisposition") is not { } disposition
            || !disposition.StartsWith(RecordedMarker, StringComparison.OrdinalIgnoreCase) || Text(task, "WhoId") is not { } who)
        {
            return null;
        }

        var (objectType, label) = who.StartsWith("003", StringComparison.Ordinal) ? ("Contact", "contact") : who.StartsWith("00Q", StringComparison.Ordinal) ? ("Lead", "lead") : (null, null);
        if (objectType is null || find(objectType, who) is not { } customer)
        {
            return null;
        }

        var name = Text(customer, "Name") ?? $"This {label}";
        var doNotRecord = customer["Recording_Do_Not_Record__c"] is JsonValue v && v.TryGetValue<bool>(out var flag) && flag;
        var consent = Text(customer, "Recording_Consent_Status__c")?.ToLowerInvariant();
        var why = doNotRecord ? "is marked Do Not Record" : consent is "declined" or "revoked" ? $"has {consent} call recording" : null;
        return why is null
            ? null
            : new ApiError(
                HttpStatusCode.BadRequest,
                "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                $"This call can't be logged as recorded: {name} {why}. Log the call as not recorded, or update the {label}'s recording consent first.",
                "CallDisposition");
    }

    private static string? Text(JsonObject record, string field) =>
        record[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
