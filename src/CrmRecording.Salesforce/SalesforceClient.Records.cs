using System.Net;
using System.Text.Json.Nodes;
using CrmRecording.Salesforce.Http;
using CrmRecording.Salesforce.Records;

namespace CrmRecording.Salesforce;

/// <summary>SOQL queries (every page), and single records: retrieve, create, update, upsert by external id.</summary>
public sealed partial class SalesforceClient
{
    /// <summary>
    /// Runs a SOQL query and follows <c>nextRecordsUrl</c> until <c>done</c>, returning every record (Salesforce
    /// serves up to 2,000 per page). Each record keeps its <c>attributes</c> and nested relationship objects.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> QueryAsync(string soql, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(soql);
        var records = new List<JsonObject>();
        var next = Api("query?q=" + Uri.EscapeDataString(soql));
        for (var page = 0; next is not null; page++)
        {
            var json = await SendForJsonAsync(new SalesforceRequest(HttpMethod.Get, next), cancellationToken).ConfigureAwait(false) as JsonObject
                ?? throw new SalesforceException(200, null, "The query response is not a JSON object.");
            if (json["records"] is not JsonArray batch)
            {
                throw new SalesforceException(200, null, "The query response has no 'records' array.");
            }

            records.AddRange(batch.OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone()));
            var done = json["done"] is JsonValue d && d.TryGetValue<bool>(out var flag) ? flag : true;
            next = done ? null : NextPage(json);
        }

        return records;
    }

    /// <summary>The record's fields (<c>GET /sobjects/{type}/{id}?fields=...</c>); null when no such record exists.</summary>
    public async Task<JsonObject?> RetrieveAsync(string type, SalesforceId id, IEnumerable<string> fields, CancellationToken cancellationToken = default)
    {
        ThrowIfBadObjectName(type, nameof(type));
        var list = string.Join(',', fields);
        ArgumentException.ThrowIfNullOrWhiteSpace(list, nameof(fields));
        var json = await SendForJsonAsync(
            new SalesforceRequest(HttpMethod.Get, Api($"sobjects/{type}/{id.Value}?fields={Uri.EscapeDataString(list)}")) { NotFoundIsAnswer = true },
            cancellationToken).ConfigureAwait(false);
        return json as JsonObject;
    }

    /// <summary>Creates a record (<c>POST /sobjects/{type}/</c>, 201 <c>{"id","success","errors"}</c>); returns its id.</summary>
    public async Task<SalesforceId> CreateAsync(string type, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken = default)
    {
        ThrowIfBadObjectName(type, nameof(type));
        ArgumentNullException.ThrowIfNull(fields);
        var json = await SendForJsonAsync(new SalesforceRequest(HttpMethod.Post, Api($"sobjects/{type}/")) { Body = SObjectBody.Fields(fields) }, cancellationToken).ConfigureAwait(false) as JsonObject;
        return json is not null && SObjectFields.Id(json, "id") is { } id
            ? id
            : throw new SalesforceException(201, null, $"Creating a {type} answered no id.");
    }

    /// <summary>Updates the given fields of a record (<c>PATCH /sobjects/{type}/{id}</c>, 204).</summary>
    public async Task UpdateAsync(string type, SalesforceId id, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken = default)
    {
        ThrowIfBadObjectName(type, nameof(type));
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            throw new ArgumentException("Nothing to write.", nameof(fields));
        }

        using var response = await SendAsync(new SalesforceRequest(HttpMethod.Patch, Api($"sobjects/{type}/{id.Value}")) { Body = SObjectBody.Fields(fields) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Inserts or updates the record whose external id field holds <paramref name="externalId"/>
    /// (<c>PATCH /sobjects/{type}/{field}/{value}</c>: 201 created, 200 updated); a retried write never duplicates.
    /// </summary>
    public async Task<UpsertResult> UpsertAsync(string type, string externalIdField, string externalId, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken = default)
    {
        ThrowIfBadObjectName(type, nameof(type));
        ThrowIfBadObjectName(externalIdField, nameof(externalIdField));
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentNullException.ThrowIfNull(fields);
        var path = Api($"sobjects/{type}/{externalIdField}/{Uri.EscapeDataString(externalId)}");
        using var response = await SendAsync(new SalesforceRequest(HttpMethod.Patch, path) { Body = SObjectBody.Fields(fields) }, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var json = body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
        var id = json is null ? null : SObjectFields.Id(json, "id");
        return new UpsertResult(id ?? throw new SalesforceException((int)response.StatusCode, null, $"Upserting a {type} answered no id."), response.StatusCode == HttpStatusCode.Created);
    }

    /// <summary>The next page's path, which must stay on this instance's REST API.</summary>
    private static string NextPage(JsonObject page)
    {
        var next = page["nextRecordsUrl"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (next is null || !next.StartsWith("/services/data/", StringComparison.Ordinal) || next.Contains("..", StringComparison.Ordinal))
        {
            throw new SalesforceException(200, null, $"The query is not done but its nextRecordsUrl is {(next is null ? "missing" : $"not a REST path ('{next}')")}.");
        }

        return next;
    }
}
