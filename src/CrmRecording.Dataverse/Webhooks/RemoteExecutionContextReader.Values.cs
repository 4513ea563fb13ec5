using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmRecording.Dataverse.Webhooks;

/// <summary>Typed values: rows, lookups, collections, choices, money, dates and plain JSON.</summary>
public static partial class RemoteExecutionContextReader
{
    private static object? ReadValue(JsonElement json, string path) => json.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => ReadNumber(json, path),
        JsonValueKind.String => TryDate(json.GetString()!, path) ?? (object)json.GetString()!,
        JsonValueKind.Array => ReadArray(json, path),
        _ => ReadObject(json, path),
    };

    // Each branch is boxed on its own: a single conditional expression would widen every number to decimal.
    private static object ReadNumber(JsonElement json, string path)
    {
        if (json.TryGetInt32(out var i))
        {
            return i;
        }

        if (json.TryGetInt64(out var l))
        {
            return l;
        }

        return json.TryGetDecimal(out var m) ? m : throw Invalid(path, $"is a number out of range: {json.GetRawText()}");
    }

    private static object ReadArray(JsonElement json, string path)
    {
        var items = new List<object?>(json.GetArrayLength());
        foreach (var item in json.EnumerateArray())
        {
            items.Add(ReadValue(item, $"{path}[{items.Count}]"));
        }

        // A multi-select choice column arrives as an array of OptionSetValue objects.
        return items.Count > 0 && items.All(i => i is WebhookOptionSetValue)
            ? items.Cast<WebhookOptionSetValue>().ToList()
            : items;
    }

    private static object ReadObject(JsonElement json, string path)
    {
        var type = String(json, "__type", path + ".") is { } t ? t.Split(':')[0] : null;
        switch (type)
        {
            case "Entity":
                return ReadEntity(json, path);
            case "EntityReference":
                return ReadEntityReference(json, path);
            case "EntityCollection":
                return ReadEntityCollection(json, path);
            case "OptionSetValue":
                return new WebhookOptionSetValue(Int(json, "Value", path + "."));
            case "Money":
                return new WebhookMoney(Field(json, "Value") is { ValueKind: JsonValueKind.Number } v && v.TryGetDecimal(out var amount)
                    ? amount
                    : throw Invalid(path + ".Value", "is not an amount"));
            case { } pair when pair.StartsWith("KeyValuePairOf", StringComparison.Ordinal):
                return new KeyValuePair<string, object?>(
                    String(json, "key", path + ".") ?? throw Invalid(path + ".key", "is missing"),
                    ReadValue(Field(json, "value") ?? default, $"{path}.value"));
            case null when json.TryGetProperty("LogicalName", out _) && json.TryGetProperty("Attributes", out _):
                return ReadEntity(json, path);
            case null when json.TryGetProperty("LogicalName", out _) && json.TryGetProperty("Id", out _):
                return ReadEntityReference(json, path);
            default:
                return new WebhookUnrecognizedValue(type, json.GetRawText());
        }
    }

    private static WebhookEntity ReadEntity(JsonElement json, string path)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"is a JSON {Kind(json)}, not a row");
        }

        return new WebhookEntity(
            String(json, "LogicalName", path + ".") ?? throw Invalid(path + ".LogicalName", "is missing"),
            Id(json, "Id", path + ".") ?? Guid.Empty,
            Pairs(json, "Attributes", path + ".", ReadValue),
            Pairs(json, "FormattedValues", path + ".", (v, p) => v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => throw Invalid(p, $"is a JSON {Kind(v)}, not a formatted string"),
            }),
            String(json, "RowVersion", path + "."));
    }

    private static WebhookEntityReference ReadEntityReference(JsonElement json, string path)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"is a JSON {Kind(json)}, not a lookup");
        }

        return new WebhookEntityReference(
            String(json, "LogicalName", path + ".") ?? throw Invalid(path + ".LogicalName", "is missing"),
            Id(json, "Id", path + ".") ?? throw Invalid(path + ".Id", "is missing"),
            String(json, "Name", path + "."));
    }

    private static WebhookEntityCollection ReadEntityCollection(JsonElement json, string path)
    {
        var rows = new List<WebhookEntity>();
        if (Field(json, "Entities") is { } entities)
        {
            if (entities.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(path + ".Entities", $"is a JSON {Kind(entities)}, not an array");
            }

            foreach (var row in entities.EnumerateArray())
            {
                rows.Add(ReadEntity(row, $"{path}.Entities[{rows.Count}]"));
            }
        }

        var more = Field(json, "MoreRecords") is { ValueKind: JsonValueKind.True };
        var total = Field(json, "TotalRecordCount") is null ? -1 : Int(json, "TotalRecordCount", path + ".");
        return new WebhookEntityCollection(String(json, "EntityName", path + "."), rows, more, total);
    }

    /// <summary>
    /// <c>/Date(1506384247000)/</c> is milliseconds since 1970 UTC; <c>/Date(1506409448000-0700)/</c> is the same
    /// kind of instant, to be shown at that offset. Other strings are not dates (null); a malformed date is an error.
    /// </summary>
    private static DateTimeOffset? TryDate(string text, string path)
    {
        if (!text.StartsWith("/Date(", StringComparison.Ordinal))
        {
            return null;
        }

        var match = DatePattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups["ms"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            || ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw Invalid(path, $"is not a valid /Date(ms)/ or /Date(ms±hhmm)/ value: '{text}'");
        }

        var instant = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        if (!match.Groups["sign"].Success)
        {
            return instant;
        }

        var offset = new TimeSpan(int.Parse(match.Groups["hh"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["mm"].Value, CultureInfo.InvariantCulture), 0);
        if (offset > TimeSpan.FromHours(14) || offset.Minutes >= 60)
        {
            throw Invalid(path, $"has an offset out of range: '{text}'");
        }

        return instant.ToOffset(match.Groups["sign"].Value == "-" ? -offset : offset);
    }

    [GeneratedRegex(@"^/Date\((?<ms>-?\d{1,19})(?:(?<sign>[+-])(?<hh>\d{2})(?<mm>\d{2}))?\)/$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
