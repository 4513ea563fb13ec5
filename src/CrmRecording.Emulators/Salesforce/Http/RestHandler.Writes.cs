using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce.Org;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Salesforce.Http;

/// <summary>Creates, updates and upserts, one record at a time or as sObject Collections of up to 200.</summary>
internal sealed partial class RestHandler
{
    private const int MaxCollection = 200;

    private readonly Lock upsertGate = new();

    private enum CollectionWrite
    {
        Create,
        Update,
        Upsert,
    }

    private Task CreateAsync(HttpContext context, string type, string body, string userId)
    {
        var id = store.Insert(type, Object(body), userId, options.TimeProvider.GetUtcNow());
        context.Response.Headers.Location = $"{context.Request.Path.Value!.TrimEnd('/')}/{id}";
        return RestResponses.WriteAsync(context, HttpStatusCode.Created, RestResponses.SaveResult(id, null));
    }

    private Task UpdateAsync(HttpContext context, string type, string id, string body, string userId)
    {
        store.Update(type, RecordIds.Normalize(id) ?? throw ApiError.NotFound(), Object(body), userId, options.TimeProvider.GetUtcNow());
        context.Response.StatusCode = (int)HttpStatusCode.NoContent;
        return Task.CompletedTask;
    }

    private Task UpsertAsync(HttpContext context, string type, string field, string value, string body, string userId)
    {
        var fields = Object(body);
        fields[field] = value;
        var (id, created) = Upsert(type, field, value, fields, userId);
        return RestResponses.WriteAsync(context, created ? HttpStatusCode.Created : HttpStatusCode.OK, RestResponses.SaveResult(id, null, created));
    }

    private Task CollectionAsync(HttpContext context, string body, string userId, CollectionWrite write, string? type = null, string? field = null)
    {
        var request = Object(body);
        if (request["records"] is not JsonArray records)
        {
            throw new ApiError(HttpStatusCode.BadRequest, "JSON_PARSER_ERROR", "The request has no records array.");
        }

        if (records.Count > MaxCollection)
        {
            throw new ApiError(HttpStatusCode.BadRequest, "EXCEEDED_ID_LIMIT", $"record limit reached. cannot submit more than {MaxCollection} records into this call");
        }

        var allOrNone = request["allOrNone"] is JsonValue a && a.TryGetValue<bool>(out var flag) && flag;
        var results = new JsonArray();
        foreach (var node in records)
        {
            results.Add(SaveOne(node as JsonObject ?? throw new ApiError(HttpStatusCode.BadRequest, "JSON_PARSER_ERROR", "A record is not an object."), userId, write, type, field));
        }

        // All or none is not rolled back here: the stand-in refuses the request instead when any record failed.
        if (allOrNone && results.Any(r => r!["success"]!.GetValue<bool>() == false))
        {
            throw new ApiError(HttpStatusCode.BadRequest, "ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were valid and the request was using AllOrNone header");
        }

        return RestResponses.WriteAsync(context, HttpStatusCode.OK, results);
    }

    private JsonObject SaveOne(JsonObject record, string userId, CollectionWrite write, string? type, string? field)
    {
        var recordType = record["attributes"]?["type"]?.GetValue<string>() ?? type;
        try
        {
            if (recordType is null)
            {
                throw new ApiError(HttpStatusCode.BadRequest, "INVALID_TYPE", "Must send a concrete entity type.");
            }

            var fields = (JsonObject)record.DeepClone();
            fields.Remove("attributes");
            var idText = fields["id"]?.GetValue<string>() ?? fields["Id"]?.GetValue<string>();
            fields.Remove("id");
            fields.Remove("Id");
            var now = options.TimeProvider.GetUtcNow();
            switch (write)
            {
                case CollectionWrite.Create when idText is null:
                    return RestResponses.SaveResult(store.Insert(recordType, fields, userId, now), null);
                case CollectionWrite.Update when RecordIds.Normalize(idText) is { } id:
                    store.Update(recordType, id, fields, userId, now);
                    return RestResponses.SaveResult(id, null);
                case CollectionWrite.Upsert when fields[field!]?.GetValue<string>() is { Length: > 0 } value:
                    var (upserted, created) = Upsert(recordType, field!, value, fields, userId);
                    return RestResponses.SaveResult(upserted, null, created);
                default:
                    throw new ApiError(HttpStatusCode.BadRequest, write == CollectionWrite.Upsert ? "MISSING_ARGUMENT" : "INVALID_FIELD", $"The record's id or external id does not fit a {write.ToString().ToLowerInvariant()}.");
            }
        }
        catch (ApiError error)
        {
            return RestResponses.SaveResult(null, error);
        }
    }

    private (string Id, bool Created) Upsert(string type, string field, string value, JsonObject fields, string userId)
    {
        var schema = OrgSchema.Find(type) ?? throw ApiError.InvalidType(type);
        if (!schema.ExternalIds.TryGetValue(field, out var externalId))
        {
            throw new ApiError(HttpStatusCode.BadRequest, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {field}");
        }

        // The lookup and the write are one step for the org; a concurrent upsert of the same key must not insert twice.
        lock (upsertGate)
        {
            var now = options.TimeProvider.GetUtcNow();
            if (store.FindByExternalId(schema.Name, externalId, value) is { } existing)
            {
                store.Update(schema.Name, existing, fields, userId, now);
                return (existing, false);
            }

            return (store.Insert(schema.Name, fields, userId, now), true);
        }
    }

    private static JsonObject Object(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new ApiError(HttpStatusCode.BadRequest, "JSON_PARSER_ERROR", "The body is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ApiError(HttpStatusCode.BadRequest, "JSON_PARSER_ERROR", $"Unexpected character in the body: {e.Message}");
        }
    }
}
