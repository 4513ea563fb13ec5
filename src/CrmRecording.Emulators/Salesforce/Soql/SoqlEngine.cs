using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce.Http;
using CrmRecording.Emulators.Salesforce.Org;

namespace CrmRecording.Emulators.Salesforce.Soql;

/// <summary>
/// Runs a <see cref="SoqlQuery"/> over the org: unknown objects are INVALID_TYPE and unknown fields INVALID_FIELD, as
/// Salesforce answers; ids compare in either length; records come back as the REST API shapes them, with
/// <c>attributes</c> and relationship fields (<c>UserRole.ParentRoleId</c>) as nested objects.
/// </summary>
internal sealed class SoqlEngine(OrgStore store, string apiPath)
{
    public IReadOnlyList<JsonObject> Run(SoqlQuery query)
    {
        var schema = OrgSchema.Find(query.From) ?? throw ApiError.InvalidType(query.From);
        foreach (var field in query.Fields.Concat(query.Where.Select(w => w.Field)))
        {
            CheckField(schema, field);
        }

        var rows = store.All(schema.Name).Where(r => query.Where.All(c => Matches(schema, r, c)));
        if (query.Limit is { } limit)
        {
            rows = rows.Take(limit);
        }

        return [.. rows.Select(r => Project(schema, r, query.Fields))];
    }

    private bool Matches(ObjectSchema schema, JsonObject record, SoqlCondition condition)
    {
        var value = Value(schema, record, condition.Field);
        return condition switch
        {
            EqualsCondition e => Same(value, e.Value),
            InListCondition l => l.Values.Any(v => Same(value, v)),
            SemiJoinCondition s => Run(s.Inner).Select(r => Value(OrgSchema.Find(s.Inner.From)!, r, s.Inner.Fields[0])).Any(v => Same(value, v)),
            _ => false,
        };
    }

    private static bool Same(object? stored, object? literal) => (stored, literal) switch
    {
        (null, null) => true,
        (bool a, bool b) => a == b,
        (string a, string b) => RecordIds.Normalize(a) is { } ida && RecordIds.Normalize(b) is { } idb ? ida == idb : string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private object? Value(ObjectSchema schema, JsonObject record, string field)
    {
        var node = Node(schema, record, field);
        return node switch
        {
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => null,
        };
    }

    private JsonNode? Node(ObjectSchema schema, JsonObject record, string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return record[schema.Fields.TryGetValue(field, out var canonical) ? canonical : field];
        }

        var (idField, target) = schema.Lookups[field[..dot]];
        var related = record[idField] is JsonValue id && id.TryGetValue<string>(out var relatedId) ? store.Get(target, relatedId) : null;
        return related is null ? null : Node(OrgSchema.Find(target)!, related, field[(dot + 1)..]);
    }

    private static void CheckField(ObjectSchema schema, string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            if (!schema.HasField(field))
            {
                throw ApiError.InvalidField(schema.Name, field);
            }

            return;
        }

        if (!schema.Lookups.TryGetValue(field[..dot], out var lookup))
        {
            throw new ApiError(System.Net.HttpStatusCode.BadRequest, "INVALID_FIELD", $"Didn't understand relationship '{field[..dot]}' in field path.", field);
        }

        var inner = field[(dot + 1)..];
        if (inner.Contains('.', StringComparison.Ordinal) || !OrgSchema.Find(lookup.Target)!.HasField(inner))
        {
            throw ApiError.InvalidField(lookup.Target, inner);
        }
    }

    private JsonObject Project(ObjectSchema schema, JsonObject record, IReadOnlyList<string> fields)
    {
        var result = Attributes(schema, record);
        foreach (var field in fields)
        {
            var dot = field.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                var canonical = schema.Fields.TryGetValue(field, out var c) ? c : field;
                result[canonical] = record[canonical]?.DeepClone();
                continue;
            }

            var relationship = schema.Lookups.Keys.First(k => k.Equals(field[..dot], StringComparison.OrdinalIgnoreCase));
            var (idField, target) = schema.Lookups[relationship];
            var related = record[idField] is JsonValue id && id.TryGetValue<string>(out var relatedId) ? store.Get(target, relatedId) : null;
            if (related is null)
            {
                result[relationship] = null;
                continue;
            }

            if (result[relationship] is not JsonObject nested)
            {
                nested = Attributes(OrgSchema.Find(target)!, related);
                result[relationship] = nested;
            }

            var targetSchema = OrgSchema.Find(target)!;
            var inner = field[(dot + 1)..];
            var innerName = targetSchema.Fields.TryGetValue(inner, out var n) ? n : inner;
            nested[innerName] = related[innerName]?.DeepClone();
        }

        return result;
    }

    private JsonObject Attributes(ObjectSchema schema, JsonObject record) => new()
    {
        ["attributes"] = new JsonObject { ["type"] = schema.Name, ["url"] = $"{apiPath}sobjects/{schema.Name}/{record["Id"]}" },
    };
}
