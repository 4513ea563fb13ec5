using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmRecording.Dataverse.Http;

namespace CrmRecording.Dataverse;

/// <summary>Generic row operations: create (id back), update (never an upsert) and paged reads.</summary>
public sealed partial class DataverseClient
{
    /// <summary>
    /// Updates columns of an existing row with <c>PATCH</c> and <c>If-Match: *</c>, so a missing row is a
    /// 404 <see cref="DataverseException"/> rather than a new row. Values may be null, string, bool, int, long,
    /// decimal, double, Guid, DateTimeOffset (sent in UTC to the second), UTC DateTime, DateOnly, or a
    /// <see cref="RowReference"/> for a <c>name@odata.bind</c> column.
    /// </summary>
    public async Task UpdateAsync(string entitySetName, Guid id, IReadOnlyDictionary<string, object?> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (!EntitySetPattern().IsMatch(entitySetName ?? string.Empty))
        {
            throw new ArgumentException($"'{entitySetName}' is not an entity set name such as contacts.", nameof(entitySetName));
        }

        ThrowIfEmpty(id, nameof(id));
        if (columns.Count == 0)
        {
            throw new ArgumentException("At least one column is needed.", nameof(columns));
        }

        var bad = columns.Keys.FirstOrDefault(k => !ColumnPattern().IsMatch(k));
        if (bad is not null)
        {
            throw new ArgumentException($"'{bad}' is not a column name.", nameof(columns));
        }

        await PatchAsync($"{entitySetName}({id:D})", ODataBody.Object(w =>
        {
            foreach (var (column, value) in columns)
            {
                ODataBody.Column(w, column, value);
            }
        }), cancellationToken).ConfigureAwait(false);
    }

    private async Task PatchAsync(string relative, byte[] body, CancellationToken cancellationToken)
    {
        var request = new ODataRequest(HttpMethod.Patch, Resource(relative)) { Body = body, IfMatchAny = true };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a row and returns its primary key. It asks for <c>return=representation</c> with only the key
    /// selected (201 and a body); a server that ignores the preference answers 204 with the new row's URI in
    /// <c>OData-EntityId</c>, which is read instead.
    /// </summary>
    private async Task<Guid> CreateAsync(DataverseTable table, string primaryKey, byte[] body, CancellationToken cancellationToken)
    {
        var request = new ODataRequest(HttpMethod.Post, Resource($"{table.EntitySetName}?$select={primaryKey}"))
        {
            Body = body,
            Prefer = "return=representation",
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created && response.Content.Headers.ContentLength is not 0)
        {
            using var row = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            return ODataRow.RequiredId(row.RootElement, primaryKey);
        }

        if (response.Headers.TryGetValues("OData-EntityId", out var values)
            && EntityIdPattern().Match(values.FirstOrDefault() ?? string.Empty) is { Success: true } match)
        {
            return Guid.Parse(match.Groups["id"].Value);
        }

        throw new DataverseException(
            (int)response.StatusCode, null, $"Creating a {table.LogicalName} returned neither a body with {primaryKey} nor an OData-EntityId header.", DataverseErrorReader.RequestId(response));
    }

    /// <summary>
    /// Reads every page of a collection with <c>Prefer: odata.maxpagesize</c>, following <c>@odata.nextLink</c>
    /// unchanged (with the same preference) until a page has none.
    /// </summary>
    private async Task<List<T>> GetAllPagesAsync<T>(string relative, Func<JsonElement, T> map, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        var prefer = $"odata.maxpagesize={options.PageSize}";
        Uri? next = Resource(relative);
        while (next is not null)
        {
            using var page = (await GetJsonAsync(next, notFoundIsNull: false, cancellationToken, prefer).ConfigureAwait(false))!;
            results.AddRange(ODataRow.Rows(page.RootElement).Select(map));
            next = NextLink(page.RootElement);
        }

        return results;
    }

    private Uri? NextLink(JsonElement page)
    {
        if (!page.TryGetProperty("@odata.nextLink", out var link) || link.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // The link carries our bearer token's next request: follow it only within this environment's Web API.
        if (link.ValueKind == JsonValueKind.String
            && Uri.TryCreate(link.GetString(), UriKind.Absolute, out var uri)
            && ApiBase.IsBaseOf(uri))
        {
            return uri;
        }

        throw new DataverseException(200, null, $"The @odata.nextLink '{link}' does not point into {ApiBase}.", null);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EntitySetPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(@odata\.bind)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ColumnPattern();

    [GeneratedRegex(@"\((?<id>[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex EntityIdPattern();
}
