using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmRecording.Salesforce.Http;

/// <summary>
/// Reads typed fields from a record as the REST API returns it (relationship fields as nested objects, e.g.
/// <c>UserRole.ParentRoleId</c>). A value of the wrong JSON type breaks the documented contract and surfaces as a
/// <see cref="SalesforceException"/> naming the field.
/// </summary>
internal static class SObjectFields
{
    public static string? Text(JsonObject record, string field) => Value(record, field) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 ? null : s,
        var other => throw Unexpected(field, "text", other),
    };

    public static SalesforceId? Id(JsonObject record, string field) => Text(record, field) switch
    {
        null => null,
        var text when SalesforceId.TryParse(text, out var id) => id,
        var text => throw Unexpected(field, "a record id", JsonValue.Create(text)),
    };

    public static SalesforceId RequiredId(JsonObject record, string field) =>
        Id(record, field) ?? throw Unexpected(field, "a record id", null);

    public static bool? Boolean(JsonObject record, string field) => Value(record, field) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        var other => throw Unexpected(field, "true or false", other),
    };

    public static DateOnly? Date(JsonObject record, string field)
    {
        var text = Text(record, field);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? DateOnly.FromDateTime(instant.UtcDateTime)
            : throw Unexpected(field, "a date", JsonValue.Create(text));
    }

    /// <summary>A field, following dots through relationship objects; null when any step is null or absent.</summary>
    private static JsonNode? Value(JsonObject record, string field)
    {
        JsonNode? node = record;
        foreach (var part in field.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node) || node is null)
            {
                return null;
            }
        }

        return node;
    }

    private static SalesforceException Unexpected(string field, string expected, JsonNode? actual)
    {
        var got = actual is null ? "nothing" : actual.GetValueKind() == System.Text.Json.JsonValueKind.String ? $"'{actual.GetValue<string>()}'" : $"a {actual.GetValueKind()}";
        return new SalesforceException(200, null, $"Field '{field}' should hold {expected} but holds {got}.");
    }
}
