using System.Net;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Store;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>GET: a row, a collection with <c>$select</c>/<c>$filter</c>/<c>$top</c> and OData paging, navigation properties, WhoAmI.</summary>
internal sealed partial class WebApiHandler
{
    /// <summary>Dataverse returns at most 5,000 rows a page and ignores larger <c>odata.maxpagesize</c> values.</summary>
    private const int MaxPageSize = 5_000;

    private Task ReadCollectionAsync(HttpContext context, TableDefinition table, Preferences preferences) =>
        WriteCollectionAsync(context, table, store.List(table.LogicalName), preferences);

    private Task ReadRowAsync(HttpContext context, TableDefinition table, Guid id, Preferences preferences)
    {
        var query = QueryOptions.From(context.Request.Query);
        var row = store.Find(table.LogicalName, id) ?? throw new WebApiErrorException(WebApiError.DoesNotExist(table.LogicalName, id));
        return WriteRowAsync(context, HttpStatusCode.OK, table, row, query.Select, preferences);
    }

    private Task ReadNavigationAsync(HttpContext context, TableDefinition table, Guid id, string navigation, Preferences preferences)
    {
        var parent = store.Find(table.LogicalName, id) ?? throw new WebApiErrorException(WebApiError.DoesNotExist(table.LogicalName, id));
        if (TableCatalog.FindManyToMany(table.LogicalName, navigation) is { } relationship)
        {
            var other = TableCatalog.GetByLogicalName(relationship.OtherTable(table.LogicalName)!);
            var rows = store.Associated(relationship, table.LogicalName, id)
                .Select(otherId => store.Find(other.LogicalName, otherId))
                .OfType<JsonObject>();
            return WriteCollectionAsync(context, other, rows, preferences);
        }

        if (TableCatalog.FindCollection(table.LogicalName, navigation) is { } collection)
        {
            var child = TableCatalog.GetByLogicalName(collection.ChildTable);
            var lookup = RowColumns.LookupProperty(collection.ChildLookup);
            return WriteCollectionAsync(context, child, store.List(child.LogicalName).Where(r => RowColumns.GetGuid(r, lookup) == id), preferences);
        }

        var single = parent.FirstOrDefault(p => p.Key.EndsWith(RowColumns.AssociatedNavigationProperty, StringComparison.Ordinal)
            && RowColumns.GetString(parent, p.Key) == navigation);
        if (single.Key is null)
        {
            throw new WebApiErrorException(WebApiError.BadRequest($"Could not find a property named '{navigation}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'."));
        }

        var property = single.Key[..^RowColumns.AssociatedNavigationProperty.Length];
        if (RowColumns.GetGuid(parent, property) is not { } targetId)
        {
            return WebApiResponses.WriteNoContent(context);
        }

        var target = TableCatalog.GetByLogicalName(RowColumns.GetString(parent, property + RowColumns.LookupLogicalName)!);
        var targetRow = store.Find(target.LogicalName, targetId) ?? throw new WebApiErrorException(WebApiError.DoesNotExist(target.LogicalName, targetId));
        return WriteRowAsync(context, HttpStatusCode.OK, target, targetRow, QueryOptions.From(context.Request.Query).Select, preferences);
    }

    private Task WhoAmIAsync(HttpContext context) =>
        WebApiResponses.WriteJsonAsync(context, HttpStatusCode.OK, new JsonObject
        {
            ["@odata.context"] = $"{ApiBase}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse",
            ["BusinessUnitId"] = Seed.SeedData.BusinessUnitId.ToString("D"),
            ["UserId"] = options.CallerUserId.ToString("D"),
            ["OrganizationId"] = options.OrganizationId.ToString("D"),
        });

    private Task WriteRowAsync(HttpContext context, HttpStatusCode status, TableDefinition table, JsonObject row, IReadOnlyList<string>? select, Preferences preferences)
    {
        var body = new JsonObject { ["@odata.context"] = RowProjection.ContextUrl(ApiBase, table.EntitySet, select, single: true) };
        foreach (var (name, value) in RowProjection.Project(row, table, select, preferences))
        {
            body[name] = value?.DeepClone();
        }

        ApplyAnnotationPreference(context, preferences);
        return WebApiResponses.WriteJsonAsync(context, status, body);
    }

    private Task WriteCollectionAsync(HttpContext context, TableDefinition table, IEnumerable<JsonObject> rows, Preferences preferences)
    {
        var query = QueryOptions.From(context.Request.Query);
        var matching = query.Filter is null ? rows.ToList() : rows.Where(query.Filter.Matches).ToList();
        var pageSize = Math.Min(preferences.MaxPageSize ?? MaxPageSize, MaxPageSize);
        List<JsonObject> page;
        string? nextLink = null;
        if (query.Top is { } top)
        {
            page = matching.Take(top).ToList();
        }
        else
        {
            page = matching.Skip((query.PageNumber - 1) * pageSize).Take(pageSize).ToList();
            if (matching.Count > query.PageNumber * pageSize)
            {
                nextLink = NextLink(context.Request, table, query.PageNumber + 1, page);
            }
        }

        if (preferences.MaxPageSize is not null)
        {
            context.Response.Headers.Append("Preference-Applied", $"odata.maxpagesize={pageSize}");
        }

        ApplyAnnotationPreference(context, preferences);
        var values = new JsonArray(page.Select(r => (JsonNode)RowProjection.Project(r, table, query.Select, preferences)).ToArray());
        var body = new JsonObject
        {
            ["@odata.context"] = RowProjection.ContextUrl(ApiBase, table.EntitySet, query.Select, single: false),
            ["value"] = values,
        };
        if (nextLink is not null)
        {
            body["@odata.nextLink"] = nextLink;
        }

        return WebApiResponses.WriteJsonAsync(context, HttpStatusCode.OK, body);
    }

    /// <summary>The request's own URL (query as the client encoded it) with the next page's <c>$skiptoken</c>.</summary>
    private string NextLink(HttpRequest request, TableDefinition table, int nextPage, List<JsonObject> page)
    {
        var kept = (request.QueryString.Value ?? string.Empty).TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("$skiptoken=", StringComparison.Ordinal) && !p.StartsWith("%24skiptoken=", StringComparison.OrdinalIgnoreCase));
        var first = RowColumns.GetGuid(page[0], table.PrimaryId) ?? Guid.Empty;
        var last = RowColumns.GetGuid(page[^1], table.PrimaryId) ?? Guid.Empty;
        // Escaped like Dataverse's own links, which leave '=' readable: $skiptoken=%3Ccookie%20pagenumber=%222%22...
        var token = Uri.EscapeDataString(PagingCookie.For(nextPage, first, last, table.PrimaryId)).Replace("%3D", "=", StringComparison.Ordinal);
        var query = string.Join('&', kept.Append($"$skiptoken={token}"));
        return $"{new Uri(baseAddress(), request.Path.Value)}?{query}";
    }

    private static void ApplyAnnotationPreference(HttpContext context, Preferences preferences)
    {
        if (preferences.IncludeAnnotations is { } annotations)
        {
            context.Response.Headers.Append("Preference-Applied", $"odata.include-annotations=\"{annotations}\"");
        }
    }
}
