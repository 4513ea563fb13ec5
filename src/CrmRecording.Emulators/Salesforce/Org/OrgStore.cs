using System.Globalization;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce.Http;

namespace CrmRecording.Emulators.Salesforce.Org;

/// <summary>
/// The org's records in memory, by object and 18-character id; field names are kept in the schema's spelling.
/// Every method is safe to call from concurrent requests.
/// </summary>
internal sealed class OrgStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Dictionary<string, JsonObject>> records = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> counters = new(StringComparer.Ordinal);

    /// <summary>After a record is created or changed through a write (seed data excepted): the org's automation listens.</summary>
    public event Action<RecordChange>? Changed;

    /// <summary>The org's validation rules: run on the record as it would be saved; an error refuses the save.</summary>
    public Func<string, JsonObject, Func<string, string, JsonObject?>, ApiError?>? Validate { get; set; }

    /// <summary>Adds a record with a fixed id (seed data).</summary>
    public void Seed(string type, string id, JsonObject fields)
    {
        var schema = OrgSchema.Find(type) ?? throw ApiError.InvalidType(type);
        lock (gate)
        {
            var record = Canonical(schema, fields);
            record["Id"] = id;
            Table(schema.Name)[id] = record;
        }
    }

    public string Insert(string type, JsonObject fields, string createdById, DateTimeOffset now)
    {
        var schema = Writable(type);
        RecordChange change;
        lock (gate)
        {
            var record = Canonical(schema, fields);
            Check(schema.Name, record);
            var n = counters[schema.KeyPrefix] = counters.GetValueOrDefault(schema.KeyPrefix, 1000) + 1;
            var id = RecordIds.Make(schema.KeyPrefix, "Nw" + n.ToString("D10", CultureInfo.InvariantCulture));
            var changed = record.Select(f => f.Key).ToList();
            record["Id"] = id;
            record["CreatedById"] = createdById;
            record["CreatedDate"] = Stamp(now);
            record["OwnerId"] ??= schema.HasField("OwnerId") ? createdById : null;
            Touch(record, createdById, now);
            Table(schema.Name)[id] = record;
            change = new RecordChange(schema.Name, id, changed, (JsonObject)record.DeepClone(), createdById, Created: true);
        }

        Changed?.Invoke(change);
        return change.Id;
    }

    /// <exception cref="ApiError">NOT_FOUND when there is no such record.</exception>
    public void Update(string type, string id, JsonObject fields, string modifiedById, DateTimeOffset now)
    {
        var schema = Writable(type);
        RecordChange change;
        lock (gate)
        {
            if (!Table(schema.Name).TryGetValue(id, out var record))
            {
                throw ApiError.NotFound();
            }

            var incoming = Canonical(schema, fields);
            var merged = (JsonObject)record.DeepClone();
            foreach (var (name, value) in incoming)
            {
                merged[name] = value?.DeepClone();
            }

            Check(schema.Name, merged);
            var changed = incoming.Where(f => !JsonNode.DeepEquals(record[f.Key], f.Value)).Select(f => f.Key).ToList();
            foreach (var (name, value) in incoming)
            {
                record[name] = value?.DeepClone();
            }

            Touch(record, modifiedById, now);
            change = new RecordChange(schema.Name, id, changed, (JsonObject)record.DeepClone(), modifiedById, Created: false);
        }

        Changed?.Invoke(change);
    }

    /// <summary>The id of the record whose external id field holds <paramref name="value"/>; null when none.</summary>
    public string? FindByExternalId(string type, string field, string value)
    {
        lock (gate)
        {
            return Table(type).Values.FirstOrDefault(r => r[field] is JsonValue v && v.TryGetValue<string>(out var s) && s == value)?["Id"]?.GetValue<string>();
        }
    }

    /// <summary>A copy of the record; null when there is none.</summary>
    public JsonObject? Get(string type, string id)
    {
        lock (gate)
        {
            return Table(type).TryGetValue(id, out var record) ? (JsonObject)record.DeepClone() : null;
        }
    }

    /// <summary>Copies of every record of the object, in creation order.</summary>
    public IReadOnlyList<JsonObject> All(string type)
    {
        lock (gate)
        {
            return [.. Table(type).Values.Select(r => (JsonObject)r.DeepClone())];
        }
    }

    private void Check(string type, JsonObject record)
    {
        if (Validate?.Invoke(type, record, (t, i) => Table(t).GetValueOrDefault(i)) is { } refused)
        {
            throw refused;
        }
    }

    private static ObjectSchema Writable(string type)
    {
        var schema = OrgSchema.Find(type) ?? throw ApiError.InvalidType(type);
        return schema.Writable
            ? schema
            : throw new ApiError(System.Net.HttpStatusCode.BadRequest, "INVALID_TYPE_FOR_OPERATION", $"entity type {schema.Name} does not support this operation");
    }

    /// <summary>The fields in the schema's spelling; an unknown field is INVALID_FIELD, as Salesforce answers.</summary>
    private static JsonObject Canonical(ObjectSchema schema, JsonObject fields)
    {
        var result = new JsonObject();
        foreach (var (name, value) in fields)
        {
            if (name == "attributes")
            {
                continue;
            }

            if (!schema.Fields.TryGetValue(name, out var canonical))
            {
                throw ApiError.InvalidField(schema.Name, name);
            }

            result[canonical] = value?.DeepClone();
        }

        return result;
    }

    private static void Touch(JsonObject record, string userId, DateTimeOffset now)
    {
        record["LastModifiedById"] = userId;
        record["LastModifiedDate"] = Stamp(now);
        record["SystemModstamp"] = Stamp(now);
    }

    private static string Stamp(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    private Dictionary<string, JsonObject> Table(string type)
    {
        if (!records.TryGetValue(type, out var table))
        {
            table = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            records[type] = table;
        }

        return table;
    }
}
