using System.Text.Json;
using CrmRecording.Salesforce.Http;
using CrmRecording.Salesforce.Records;

namespace CrmRecording.Salesforce;

/// <summary>
/// sObject Collections (<c>/composite/sobjects</c>): up to 200 records a request, so a batch of writes costs one
/// API request per 200. Each record gets its own <see cref="SaveResult"/>, in the order sent; a record Salesforce
/// refuses (validation rule, trigger's <c>addError</c>) is a result, not an exception.
/// </summary>
public sealed partial class SalesforceClient
{
    /// <summary>The most records one sObject Collections request takes.</summary>
    public const int MaxCollectionSize = 200;

    /// <summary>Creates the records (<c>POST /composite/sobjects</c>), 200 a request; types may be mixed.</summary>
    public Task<IReadOnlyList<SaveResult>> CreateCollectionAsync(IReadOnlyList<SObjectRecord> records, bool allOrNone = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Any(r => r.Id is not null))
        {
            throw new ArgumentException("Records to create must not carry an id.", nameof(records));
        }

        return SendCollectionsAsync(HttpMethod.Post, Api("composite/sobjects"), records, allOrNone, cancellationToken);
    }

    /// <summary>Updates the records (<c>PATCH /composite/sobjects</c>), 200 a request; each must carry its id.</summary>
    public Task<IReadOnlyList<SaveResult>> UpdateCollectionAsync(IReadOnlyList<SObjectRecord> records, bool allOrNone = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Any(r => r.Id is null))
        {
            throw new ArgumentException("Records to update must carry their id.", nameof(records));
        }

        return SendCollectionsAsync(HttpMethod.Patch, Api("composite/sobjects"), records, allOrNone, cancellationToken);
    }

    /// <summary>
    /// Inserts or updates records of one type by an external id field (<c>PATCH /composite/sobjects/{type}/{field}</c>),
    /// 200 a request: written again after a lost answer, nothing is duplicated.
    /// </summary>
    public Task<IReadOnlyList<SaveResult>> UpsertCollectionAsync(string type, string externalIdField, IReadOnlyList<SObjectRecord> records, bool allOrNone = false, CancellationToken cancellationToken = default)
    {
        ThrowIfBadObjectName(type, nameof(type));
        ThrowIfBadObjectName(externalIdField, nameof(externalIdField));
        ArgumentNullException.ThrowIfNull(records);
        if (records.Any(r => r.Type != type || r.Id is not null || !r.Fields.ContainsKey(externalIdField)))
        {
            throw new ArgumentException($"Every record must be a {type} without an id and with {externalIdField} set.", nameof(records));
        }

        return SendCollectionsAsync(HttpMethod.Patch, Api($"composite/sobjects/{type}/{externalIdField}"), records, allOrNone, cancellationToken);
    }

    private async Task<IReadOnlyList<SaveResult>> SendCollectionsAsync(HttpMethod method, string path, IReadOnlyList<SObjectRecord> records, bool allOrNone, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            ThrowIfBadObjectName(record.Type, nameof(records));
        }

        var results = new List<SaveResult>(records.Count);
        foreach (var chunk in records.Chunk(MaxCollectionSize))
        {
            var body = SObjectBody.Collection(chunk, allOrNone);
            using var response = await SendAsync(new SalesforceRequest(method, path) { Body = body }, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var saved = ReadSaveResults(text);
            if (saved.Count != chunk.Length)
            {
                throw new SalesforceException((int)response.StatusCode, null, $"{chunk.Length} records were sent but {saved.Count} results came back.");
            }

            results.AddRange(saved);
        }

        return results;
    }

    private static List<SaveResult> ReadSaveResults(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new SalesforceException(200, null, "The collection response is not an array of SaveResults.");
            }

            return [.. document.RootElement.EnumerateArray().Select(ReadSaveResult)];
        }
        catch (JsonException e)
        {
            throw new SalesforceException(200, null, $"The collection response is not valid JSON: {e.Message}", innerException: e);
        }
    }

    private static SaveResult ReadSaveResult(JsonElement item)
    {
        var id = item.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String && SalesforceId.TryParse(i.GetString(), out var parsed) ? parsed : (SalesforceId?)null;
        var success = item.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
        bool? created = item.TryGetProperty("created", out var c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False ? c.ValueKind == JsonValueKind.True : null;
        var errors = item.TryGetProperty("errors", out var e) ? SalesforceErrorReader.Errors(e) : [];
        return new SaveResult(id, success, errors, created);
    }
}
