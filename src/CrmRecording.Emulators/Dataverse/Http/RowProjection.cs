using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Store;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// A stored row as the Web API returns it: <c>@odata.etag</c> from <c>versionnumber</c>, the selected
/// columns (the primary key always), lookup annotations only when <c>Prefer: odata.include-annotations</c>
/// asks for them. A selected column the row has never had is returned as null (Dataverse would reject a
/// column missing from the table's definition; the stand-in has no schema to check against).
/// </summary>
internal static class RowProjection
{
    public static JsonObject Project(JsonObject row, TableDefinition table, IReadOnlyList<string>? select, Preferences preferences)
    {
        var result = new JsonObject { ["@odata.etag"] = RowColumns.ETag(row) };
        IEnumerable<string> columns = select is null
            ? row.Select(p => p.Key).Where(k => !RowColumns.IsAnnotation(k))
            : select.Append(table.PrimaryId).Distinct(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            foreach (var annotation in new[] { RowColumns.LookupLogicalName, RowColumns.AssociatedNavigationProperty })
            {
                if (row.TryGetPropertyValue(column + annotation, out var value) && preferences.Includes(annotation.TrimStart('@')))
                {
                    result[column + annotation] = value?.DeepClone();
                }
            }

            result[column] = row[column]?.DeepClone();
        }

        return result;
    }

    public static string ContextUrl(Uri apiBase, string entitySet, IReadOnlyList<string>? select, bool single)
    {
        var projection = select is null ? string.Empty : $"({string.Join(',', select)})";
        return $"{apiBase}$metadata#{entitySet}{projection}{(single ? "/$entity" : string.Empty)}";
    }
}
