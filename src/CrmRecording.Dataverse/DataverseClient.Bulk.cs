using CrmRecording.Dataverse.Customers;
using CrmRecording.Dataverse.Http;

namespace CrmRecording.Dataverse;

/// <summary>Bulk paths: many contacts or leads read in one query, many rows updated with one <c>UpdateMultiple</c>.</summary>
public sealed partial class DataverseClient
{
    /// <summary>Ids per read query: a filter of 100 ids keeps the URL near 6 KB, well inside the Web API's 32 KB.</summary>
    public const int MaxIdsPerQuery = 100;

    /// <summary>Targets per <c>UpdateMultiple</c>: Microsoft suggests batches of hundreds; $batch's own limit is 1,000.</summary>
    public const int MaxUpdateMultipleTargets = 1_000;

    /// <summary>Reads the decision columns of the given contacts or leads (<c>{key} eq … or …</c>); rows that do not exist are simply absent.</summary>
    public async Task<IReadOnlyList<DataverseCustomer>> GetCustomersAsync(DataverseTable table, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var key = PrimaryKey(table);
        var found = new List<DataverseCustomer>(ids.Count);
        foreach (var chunk in ids.Distinct().Chunk(MaxIdsPerQuery))
        {
            var filter = string.Join(" or ", chunk.Select(id => $"{key} eq {id:D}"));
            found.AddRange(await GetAllPagesAsync(
                $"{table.EntitySetName}?$select={CustomerColumns.Select},{key}&$filter={Uri.EscapeDataString(filter)}",
                json => ReadCustomer(new RowReference(table, ODataRow.RequiredId(json, key)), json),
                cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    /// <summary>
    /// Updates existing rows with <c>POST {set}/Microsoft.Dynamics.CRM.UpdateMultiple</c>, up to
    /// <see cref="MaxUpdateMultipleTargets"/> targets a request; values as <see cref="UpdateAsync"/> takes them. The
    /// message is one transaction: a row that does not exist fails its whole request.
    /// </summary>
    public async Task UpdateMultipleAsync(DataverseTable table, IReadOnlyList<(Guid Id, IReadOnlyDictionary<string, object?> Columns)> rows, CancellationToken cancellationToken = default)
    {
        var key = PrimaryKey(table);
        ThrowIfInvalid(rows);

        foreach (var chunk in rows.Chunk(MaxUpdateMultipleTargets))
        {
            var body = ODataBody.Object(w =>
            {
                w.WriteStartArray("Targets");
                foreach (var (id, columns) in chunk)
                {
                    w.WriteStartObject();
                    w.WriteString("@odata.type", $"Microsoft.Dynamics.CRM.{table.LogicalName}");
                    w.WriteString(key, id.ToString("D"));
                    foreach (var (column, value) in columns)
                    {
                        ODataBody.Column(w, column, value);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            using var response = await SendAsync(new ODataRequest(HttpMethod.Post, Resource($"{table.EntitySetName}/Microsoft.Dynamics.CRM.UpdateMultiple")) { Body = body }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ThrowIfInvalid(IReadOnlyList<(Guid Id, IReadOnlyDictionary<string, object?> Columns)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var (id, columns) in rows)
        {
            ThrowIfEmpty(id, nameof(rows));
            if (columns.Count == 0 || columns.Keys.Any(k => !ColumnPattern().IsMatch(k)))
            {
                throw new ArgumentException($"The update of {id:D} needs column names and at least one column.", nameof(rows));
            }
        }
    }

    private static string PrimaryKey(DataverseTable table) =>
        EntitySetPattern().IsMatch(table.LogicalName) ? table.LogicalName + "id" : throw new ArgumentException($"'{table.LogicalName}' is not a table name.", nameof(table));
}
