using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Store;

namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>
/// Writes Web API row values the way Dataverse's data contract serializer writes SDK values in a
/// <c>RemoteExecutionContext</c>: <c>Entity</c>, <c>EntityReference</c>, <c>EntityCollection</c>,
/// <c>OptionSetValue</c>, <c>Money</c> with <c>__type</c> annotations, dates as <c>/Date(ms)/</c>
/// (escaped to <c>\/Date(ms)\/</c> when the whole body is written), multi-select choices as arrays.
/// </summary>
internal sealed partial class XrmValueWriter(ColumnKinds kinds)
{
    public const string Contracts = "http://schemas.microsoft.com/xrm/2011/Contracts";

    private static readonly Dictionary<string, string> UserLookups = new(StringComparer.Ordinal)
    {
        ["ownerid"] = "systemuser",
        ["createdby"] = "systemuser",
        ["modifiedby"] = "systemuser",
        ["createdonbehalfby"] = "systemuser",
        ["modifiedonbehalfby"] = "systemuser",
    };

    /// <summary>An <c>Entity</c>; images carry no <c>__type</c>, as in Microsoft's documented sample.</summary>
    public void WriteEntity(Utf8JsonWriter writer, string table, Guid id, JsonObject row, bool typed, Action<Utf8JsonWriter>? extraAttributes = null, Func<string, bool>? include = null)
    {
        writer.WriteStartObject();
        if (typed)
        {
            writer.WriteString("__type", $"Entity:{Contracts}");
        }

        writer.WriteStartArray("Attributes");
        foreach (var (property, value) in row)
        {
            if (RowColumns.IsAnnotation(property) || property.StartsWith('@'))
            {
                continue;
            }

            var isLookup = RowColumns.TryGetLookupAttribute(property, out var attribute);
            var column = isLookup ? attribute : property;
            if (include is not null && !include(column))
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("key", column);
            writer.WritePropertyName("value");
            if (isLookup)
            {
                WriteLookup(writer, row, property, attribute, value);
            }
            else
            {
                WriteValue(writer, table, column, value);
            }

            writer.WriteEndObject();
        }

        extraAttributes?.Invoke(writer);
        writer.WriteEndArray();
        writer.WriteNull("EntityState");
        writer.WriteStartArray("FormattedValues");
        writer.WriteEndArray();
        writer.WriteString("Id", id.ToString("D"));
        WriteEmptyArray(writer, "KeyAttributes");
        writer.WriteString("LogicalName", table);
        WriteEmptyArray(writer, "RelatedEntities");
        writer.WriteNull("RowVersion");
        writer.WriteEndObject();
    }

    public static void WriteEntityReference(Utf8JsonWriter writer, string table, Guid id, string? name = null, bool typed = true)
    {
        writer.WriteStartObject();
        if (typed)
        {
            writer.WriteString("__type", $"EntityReference:{Contracts}");
        }

        writer.WriteString("Id", id.ToString("D"));
        WriteEmptyArray(writer, "KeyAttributes");
        writer.WriteString("LogicalName", table);
        if (name is null)
        {
            writer.WriteNull("Name");
        }
        else
        {
            writer.WriteString("Name", name);
        }

        writer.WriteNull("RowVersion");
        writer.WriteEndObject();
    }

    /// <summary>An activity's party list (<c>from</c>, <c>to</c>) as an <c>EntityCollection</c> of <c>activityparty</c> entities.</summary>
    public void WritePartyList(Utf8JsonWriter writer, IEnumerable<JsonObject> parties)
    {
        writer.WriteStartObject();
        writer.WriteString("__type", $"EntityCollection:{Contracts}");
        writer.WriteStartArray("Entities");
        foreach (var party in parties)
        {
            var id = RowColumns.GetGuid(party, "activitypartyid") ?? Guid.Empty;
            WriteEntity(writer, "activityparty", id, party, typed: true, include: c => c is "partyid" or "participationtypemask" or "activitypartyid");
        }

        writer.WriteEndArray();
        writer.WriteString("EntityName", "activityparty");
        writer.WriteNull("MinActiveRowVersion");
        writer.WriteBoolean("MoreRecords", false);
        writer.WriteNull("PagingCookie");
        writer.WriteNumber("TotalRecordCount", -1);
        writer.WriteBoolean("TotalRecordCountLimitExceeded", false);
        writer.WriteEndObject();
    }

    public static void WriteDate(Utf8JsonWriter writer, DateTimeOffset instant, bool withOffset)
    {
        var milliseconds = instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var offset = withOffset ? instant.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", string.Empty, StringComparison.Ordinal) : string.Empty;
        writer.WriteStringValue($"/Date({milliseconds}{offset})/");
    }

    private void WriteValue(Utf8JsonWriter writer, string table, string column, JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() == JsonValueKind.Null)
        {
            writer.WriteNullValue();
            return;
        }

        var kind = kinds.Get(table, column);
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number when kind is ColumnKind.Choice:
                WriteTyped(writer, "OptionSetValue", value);
                break;
            case JsonValueKind.Number when kind is ColumnKind.Money:
                WriteTyped(writer, "Money", value);
                break;
            case JsonValueKind.String when kind is ColumnKind.Choices:
                WriteChoices(writer, value.GetValue<string>());
                break;
            case JsonValueKind.String when kind is ColumnKind.DateTime or ColumnKind.Inferred && TryReadDate(value.GetValue<string>(), out var instant):
                WriteDate(writer, instant, withOffset: false);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static void WriteLookup(Utf8JsonWriter writer, JsonObject row, string property, string attribute, JsonNode? value)
    {
        if (value is not JsonValue text || !text.TryGetValue<string>(out var raw) || !Guid.TryParse(raw, out var id))
        {
            writer.WriteNullValue();
            return;
        }

        var table = RowColumns.GetString(row, property + RowColumns.LookupLogicalName)
            ?? UserLookups.GetValueOrDefault(attribute)
            ?? (attribute.EndsWith("id", StringComparison.Ordinal) ? attribute[..^2] : attribute);
        WriteEntityReference(writer, table, id);
    }

    private static void WriteTyped(Utf8JsonWriter writer, string type, JsonValue value)
    {
        writer.WriteStartObject();
        writer.WriteString("__type", $"{type}:{Contracts}");
        writer.WritePropertyName("Value");
        value.WriteTo(writer);
        writer.WriteEndObject();
    }

    private static void WriteChoices(Utf8JsonWriter writer, string values)
    {
        writer.WriteStartArray();
        foreach (var part in values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var option))
            {
                writer.WriteStringValue(part);
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("__type", $"OptionSetValue:{Contracts}");
            writer.WriteNumber("Value", option);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Web API dates are ISO 8601 (<c>2025-01-02T09:00:00Z</c>; date-only columns <c>2025-01-15</c>).</summary>
    private static bool TryReadDate(string text, out DateTimeOffset instant)
    {
        instant = default;
        return IsoDate().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }

    private static void WriteEmptyArray(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartArray(name);
        writer.WriteEndArray();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
