using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmRecording.Emulators.Dataverse.Store;

/// <summary>
/// How the Web API spells columns in a row: a lookup <c>x</c> is the property <c>_x_value</c>, with the
/// target table and navigation property kept as the annotations Dataverse returns on request
/// (<c>Prefer: odata.include-annotations</c>).
/// </summary>
internal static class RowColumns
{
    public const string LookupLogicalName = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    public const string AssociatedNavigationProperty = "@Microsoft.Dynamics.CRM.associatednavigationproperty";

    public static string LookupProperty(string attribute) => $"_{attribute}_value";

    /// <summary>True for <c>_x_value</c>, giving <c>x</c>.</summary>
    public static bool TryGetLookupAttribute(string property, out string attribute)
    {
        if (property.Length > 7 && property[0] == '_' && property.EndsWith("_value", StringComparison.Ordinal))
        {
            attribute = property[1..^6];
            return true;
        }

        attribute = string.Empty;
        return false;
    }

    public static bool IsAnnotation(string property) => property.Contains('@', StringComparison.Ordinal);

    public static void SetLookup(JsonObject row, string attribute, Guid id, string targetTable, string navigationProperty)
    {
        var property = LookupProperty(attribute);
        row[property] = id.ToString("D");
        row[property + LookupLogicalName] = targetTable;
        row[property + AssociatedNavigationProperty] = navigationProperty;
    }

    public static void ClearLookup(JsonObject row, string attribute)
    {
        var property = LookupProperty(attribute);
        row[property] = null;
        row.Remove(property + LookupLogicalName);
        row.Remove(property + AssociatedNavigationProperty);
    }

    public static Guid? GetGuid(JsonObject row, string property) =>
        row[property] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) ? id : null;

    public static string? GetString(JsonObject row, string property) =>
        row[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static int? GetInt(JsonObject row, string property) =>
        TryGetNumber(row[property], out var number) ? decimal.ToInt32(number) : null;

    /// <summary>Reads a number whatever backs the node (parsed JSON or a CLR value set by the stand-in).</summary>
    public static bool TryGetNumber(JsonNode? node, out decimal number)
    {
        number = 0;
        return node is JsonValue value
            && value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    public static bool? GetBool(JsonObject row, string property) =>
        row[property] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValueKind() == JsonValueKind.True
            : null;

    /// <summary>The weak ETag Dataverse derives from a row's <c>versionnumber</c>: <c>W/"536530"</c>.</summary>
    public static string ETag(JsonObject row) => $"W/\"{row["versionnumber"]?.ToJsonString()}\"";

    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
