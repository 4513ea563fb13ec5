using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>A table the source declares (a new one, or an existing one the solution adds columns to).</summary>
internal sealed record TableInfo(string SchemaName, string LogicalName, bool IsCustom, string? Ownership, SourceDocument Document, IReadOnlyDictionary<string, XElement> Columns);

/// <summary>A 1:N relationship: ReferencingEntity.ReferencingAttribute looks up ReferencedEntity.</summary>
internal sealed record RelationshipInfo(string Name, string ReferencingEntity, string ReferencedEntity, string ReferencingAttribute, SourceDocument Document, XElement Element);

/// <summary>
/// What the source declares, by name: the index every check and the packer look things up in. Built
/// leniently: a malformed declaration is left out here and reported by its check.
/// </summary>
internal sealed class SourceCatalog
{
    public required IReadOnlyDictionary<string, TableInfo> Tables { get; init; }

    public required IReadOnlyList<RelationshipInfo> Relationships { get; init; }

    public required IReadOnlySet<string> OptionSets { get; init; }

    /// <summary>The option values of each global choice, by name.</summary>
    public required IReadOnlyDictionary<string, IReadOnlySet<int>> OptionSetValues { get; init; }

    public required IReadOnlySet<Guid> Roles { get; init; }

    public required IReadOnlySet<string> WebResources { get; init; }

    /// <summary>Service endpoints by Name.</summary>
    public required IReadOnlyDictionary<string, Guid> ServiceEndpoints { get; init; }

    public required IReadOnlySet<string> EnvironmentVariables { get; init; }

    /// <summary>Forms by id, with the table folder they are in.</summary>
    public required IReadOnlyDictionary<Guid, string> Forms { get; init; }

    /// <summary>Views (saved queries) by id, with the table folder they are in.</summary>
    public required IReadOnlyDictionary<Guid, string> Views { get; init; }

    /// <summary>Charts (saved query visualizations) by id, with the table folder they are in.</summary>
    public required IReadOnlyDictionary<Guid, string> Charts { get; init; }

    /// <summary>Dashboards (system forms of type 0, which belong to no table) by id.</summary>
    public required IReadOnlySet<Guid> Dashboards { get; init; }

    public static SourceCatalog Build(SolutionSource source, SolutionIdentity identity)
    {
        var tables = new Dictionary<string, TableInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in source.Entities)
        {
            var schema = document.Root.Element("EntityInfo")?.Element("entity")?.Attribute("Name")?.Value;
            if (string.IsNullOrWhiteSpace(schema) || tables.ContainsKey(schema))
            {
                continue;
            }

            var columns = new Dictionary<string, XElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var attribute in SolutionXml.Attributes(document))
            {
                var logical = attribute.Element("LogicalName")?.Value;
                if (!string.IsNullOrWhiteSpace(logical))
                {
                    columns.TryAdd(logical, attribute);
                }
            }

            var entity = document.Root.Element("EntityInfo")!.Element("entity")!;
            tables[schema] = new TableInfo(schema, schema.ToLowerInvariant(), schema.StartsWith(identity.SchemaPrefix, StringComparison.OrdinalIgnoreCase),
                entity.Element("OwnershipTypeMask")?.Value, document, columns);
        }

        return new SourceCatalog
        {
            Tables = tables,
            Relationships = [.. source.Relationships.SelectMany(d => d.Root.Elements("EntityRelationship").Select(e => new RelationshipInfo(
                e.Attribute("Name")?.Value ?? string.Empty,
                e.Element("ReferencingEntityName")?.Value ?? string.Empty,
                e.Element("ReferencedEntityName")?.Value ?? string.Empty,
                e.Element("ReferencingAttributeName")?.Value ?? string.Empty,
                d,
                e)))],
            OptionSets = Names(source.OptionSets.Select(d => d.Root.Attribute("Name")?.Value)),
            OptionSetValues = OptionValues(source.OptionSets),
            Roles = source.Roles.Select(d => SolutionXml.Guid(d.Root.Attribute("id")?.Value)).OfType<Guid>().ToHashSet(),
            WebResources = Names(source.WebResources.Select(d => d.Root.Element("Name")?.Value)),
            ServiceEndpoints = Endpoints(source.ServiceEndpoints),
            EnvironmentVariables = Names(source.EnvironmentVariables.Select(d => d.Root.Attribute("schemaname")?.Value)),
            Forms = ById(source.Forms, d => d.Root.Element("systemform")?.Element("formid")?.Value),
            Views = ById(source.Views, d => d.Root.Element("savedquery")?.Element("savedqueryid")?.Value),
            Charts = ById(source.Charts, d => d.Root.Element("savedqueryvisualizationid")?.Value),
            Dashboards = source.Dashboards.Select(d => SolutionXml.Guid(d.Root.Element("FormId")?.Value)).OfType<Guid>().ToHashSet(),
        };
    }

    private static Dictionary<Guid, string> ById(IEnumerable<SourceDocument> documents, Func<SourceDocument, string?> id)
    {
        var byId = new Dictionary<Guid, string>();
        foreach (var document in documents)
        {
            if (SolutionXml.Guid(id(document)) is { } key)
            {
                byId.TryAdd(key, SolutionSource.TableFolder(document));
            }
        }

        return byId;
    }

    private static Dictionary<string, IReadOnlySet<int>> OptionValues(IEnumerable<SourceDocument> optionSets)
    {
        var values = new Dictionary<string, IReadOnlySet<int>>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in optionSets.Where(d => !string.IsNullOrWhiteSpace(d.Root.Attribute("Name")?.Value)))
        {
            values.TryAdd(document.Root.Attribute("Name")!.Value, ColumnOptions.Ints(document.Root.Element("options")?.Elements("option")));
        }

        return values;
    }

    private static HashSet<string> Names(IEnumerable<string?> names) =>
        names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, Guid> Endpoints(SourceDocument? document)
    {
        var endpoints = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var endpoint in document?.Root.Elements("ServiceEndpoint") ?? [])
        {
            if (endpoint.Attribute("Name")?.Value is { Length: > 0 } name && SolutionXml.Guid(endpoint.Attribute("ServiceEndpointId")?.Value) is { } id)
            {
                endpoints.TryAdd(name, id);
            }
        }

        return endpoints;
    }
}
