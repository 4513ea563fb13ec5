using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmRecording.Dataverse.Http;

namespace CrmRecording.Dataverse;

/// <summary>
/// Untyped rows of any entity set, for administration (registering the webhook and its steps) rather than
/// the product's own tables: the same headers, retries and errors as every other call.
/// </summary>
public sealed partial class DataverseClient
{
    /// <summary>The row <c>{entitySet}({id})</c> with the columns in <paramref name="select"/> (comma-separated); null when it does not exist.</summary>
    public async Task<JsonObject?> GetRowAsync(string entitySet, Guid id, string select, CancellationToken cancellationToken = default)
    {
        ThrowIfNotEntitySet(entitySet);
        ThrowIfEmpty(id, nameof(id));
        ArgumentException.ThrowIfNullOrWhiteSpace(select);
        using var row = await GetJsonAsync(Resource($"{entitySet}({id:D})?$select={Uri.EscapeDataString(select)}"), notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToObject(row.RootElement);
    }

    /// <summary>
    /// Every row of <paramref name="entitySet"/> matching <paramref name="query"/>, the query options as written
    /// after <c>?</c> (<c>$select=sdkmessageid&amp;$filter=name eq 'Update'</c>), following every page.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> QueryAsync(string entitySet, string query, CancellationToken cancellationToken = default)
    {
        ThrowIfNotEntitySet(entitySet);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return await GetAllPagesAsync($"{entitySet}?{query.TrimStart('?')}", ToObject, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a row with <c>POST</c> and returns its key, read from <c>OData-EntityId</c>. A body that sets the
    /// primary key column creates the row with that id.
    /// </summary>
    public async Task<Guid> CreateRowAsync(string entitySet, JsonObject body, CancellationToken cancellationToken = default)
    {
        ThrowIfNotEntitySet(entitySet);
        ArgumentNullException.ThrowIfNull(body);
        var request = new ODataRequest(HttpMethod.Post, Resource(entitySet)) { Body = Encoding.UTF8.GetBytes(body.ToJsonString()) };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("OData-EntityId", out var values)
            && EntityIdPattern().Match(values.FirstOrDefault() ?? string.Empty) is { Success: true } match)
        {
            return Guid.Parse(match.Groups["id"].Value);
        }

        throw new DataverseException(
            (int)response.StatusCode, null, $"Creating a row in {entitySet} returned no OData-EntityId header.", DataverseErrorReader.RequestId(response));
    }

    /// <summary>Updates an existing row with <c>PATCH</c> and <c>If-Match: *</c>: a missing row is a 404 <see cref="DataverseException"/>, never a new row.</summary>
    public async Task UpdateRowAsync(string entitySet, Guid id, JsonObject body, CancellationToken cancellationToken = default)
    {
        ThrowIfNotEntitySet(entitySet);
        ThrowIfEmpty(id, nameof(id));
        ArgumentNullException.ThrowIfNull(body);
        await PatchAsync($"{entitySet}({id:D})", Encoding.UTF8.GetBytes(body.ToJsonString()), cancellationToken).ConfigureAwait(false);
    }

    // Parsed from text: a JsonObject over the element would read a document that is disposed with its page.
    private static JsonObject ToObject(JsonElement row) =>
        JsonNode.Parse(row.GetRawText()) as JsonObject ?? throw new DataverseException((int)HttpStatusCode.OK, null, "A row in the response is not a JSON object.", null);

    private static void ThrowIfNotEntitySet(string entitySet)
    {
        if (!EntitySetPattern().IsMatch(entitySet ?? string.Empty))
        {
            throw new ArgumentException($"'{entitySet}' is not an entity set name such as serviceendpoints.", nameof(entitySet));
        }
    }
}
