using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// Other/Solution.xml's RootComponents and the source agree both ways: every listed component exists, and
/// every component the source declares is listed (an unlisted one is imported, if at all, outside the solution).
/// </summary>
internal static class RootComponentCheck
{
    public const int Entity = 1;
    public const int OptionSet = 9;
    public const int Role = 20;
    public const int SavedQuery = 26;
    public const int SavedQueryVisualization = 59;
    public const int SystemForm = 60;
    public const int WebResource = 61;
    public const int Step = 92;
    public const int ServiceEndpoint = 95;
    public const int EnvironmentVariable = 380;

    public static void Run(SolutionSource source, SourceCatalog catalog, List<SourceProblem> problems)
    {
        if (source.Manifest?.Root.Element("SolutionManifest")?.Element("RootComponents") is not { } list)
        {
            return;
        }

        var manifest = source.Manifest;
        var listed = new HashSet<(int, string)>();
        foreach (var component in list.Elements("RootComponent"))
        {
            var where = SolutionXml.Describe(component, "type", "schemaName", "id");
            var type = SolutionXml.Int(component.Attribute("type")?.Value);
            var key = Key(component, type);
            if (type is null || key is null)
            {
                problems.Add(SourceProblem.At(manifest, component, where, "needs a numeric type and a schemaName (tables, choices, web resources, environment variables) or an id (roles, views, charts, forms, dashboards, service endpoints)."));
                continue;
            }

            if (!listed.Add((type.Value, key)))
            {
                problems.Add(SourceProblem.At(manifest, component, where, "is listed twice."));
            }

            if (SolutionXml.Int(component.Attribute("behavior")?.Value ?? "0") is not (0 or 1 or 2))
            {
                problems.Add(SourceProblem.At(manifest, component, where, "behavior must be 0 (everything), 1 (no subcomponents) or 2 (only the subcomponents in the source)."));
            }

            if (Missing(type.Value, key, catalog) is { } why)
            {
                problems.Add(SourceProblem.At(manifest, component, where, why));
            }
        }

        foreach (var (type, key, document, element, entry) in Declared(source, catalog))
        {
            if (!listed.Contains((type, key)))
            {
                problems.Add(SourceProblem.At(document, element, SolutionXml.Describe(element, "Name", "name", "schemaname"),
                    $"is not listed in Other/Solution.xml <RootComponents>; add {entry}"));
            }
        }
    }

    private static string? Key(XElement component, int? type) => type switch
    {
        Role or ServiceEndpoint or Step or SavedQuery or SavedQueryVisualization or SystemForm => SolutionXml.Guid(component.Attribute("id")?.Value) is { } id ? SolutionXml.Braced(id) : null,
        _ => component.Attribute("schemaName")?.Value is { Length: > 0 } name ? name.ToLowerInvariant() : null,
    };

    private static string? Missing(int type, string key, SourceCatalog catalog) => type switch
    {
        Entity => catalog.Tables.ContainsKey(key) ? null : $"no table {key} in Entities/.",
        OptionSet => catalog.OptionSets.Contains(key) ? null : $"no global choice {key} in OptionSets/.",
        Role => catalog.Roles.Contains(SolutionXml.Guid(key)!.Value) ? null : $"no role with id {key} in Roles/.",
        WebResource => catalog.WebResources.Contains(key) ? null : $"no web resource {key} in WebResources/.",
        ServiceEndpoint => catalog.ServiceEndpoints.Values.Contains(SolutionXml.Guid(key)!.Value) ? null : $"no service endpoint with id {key} in PluginAssemblies/ServiceEndpoints.xml.",
        EnvironmentVariable => catalog.EnvironmentVariables.Contains(key) ? null : $"no environment variable {key} in environmentvariabledefinitions/.",
        SavedQuery => catalog.Views.ContainsKey(SolutionXml.Guid(key)!.Value) ? null : $"no view with id {key} in Entities/*/SavedQueries/.",
        SavedQueryVisualization => catalog.Charts.ContainsKey(SolutionXml.Guid(key)!.Value) ? null : $"no chart with id {key} in Entities/*/Visualizations/.",
        SystemForm => catalog.Forms.ContainsKey(SolutionXml.Guid(key)!.Value) || catalog.Dashboards.Contains(SolutionXml.Guid(key)!.Value)
            ? null
            : $"no form with id {key} in Entities/*/FormXml/ and no dashboard with it in Dashboards/.",
        Step => $"steps are generated from {StepCheck.Origin}, with their root components; remove this line.",
        _ => $"type {type} is not a component crmrec packs (1 table, 9 choice, 20 role, 26 view, 59 chart, 60 form or dashboard, 61 web resource, 95 service endpoint, 380 environment variable).",
    };

    private static IEnumerable<(int Type, string Key, SourceDocument Document, XElement Element, string Entry)> Declared(SolutionSource source, SourceCatalog catalog)
    {
        foreach (var table in catalog.Tables.Values)
        {
            var element = table.Document.Root.Element("EntityInfo")!.Element("entity")!;
            yield return (Entity, table.LogicalName, table.Document, element,
                $"<RootComponent type=\"1\" schemaName=\"{table.LogicalName}\" behavior=\"{(table.IsCustom ? 0 : 2)}\" />");
        }

        foreach (var document in source.OptionSets.Where(d => d.Root.Attribute("Name") is not null))
        {
            var name = document.Root.Attribute("Name")!.Value;
            yield return (OptionSet, name.ToLowerInvariant(), document, document.Root, $"<RootComponent type=\"9\" schemaName=\"{name}\" behavior=\"0\" />");
        }

        foreach (var document in source.Roles.Where(d => SolutionXml.Guid(d.Root.Attribute("id")?.Value) is not null))
        {
            var id = SolutionXml.Braced(SolutionXml.Guid(document.Root.Attribute("id")!.Value)!.Value);
            yield return (Role, id, document, document.Root, $"<RootComponent type=\"20\" id=\"{id}\" behavior=\"0\" />");
        }

        // A table the solution only adds to (behavior 2) brings none of its forms, views and charts along: each must be listed.
        var underTables = new[]
        {
            (SystemForm, source.Forms, "systemform", "formid"),
            (SavedQuery, source.Views, "savedquery", "savedqueryid"),
            (SavedQueryVisualization, source.Charts, "visualization", "savedqueryvisualizationid"),
        };
        foreach (var (type, documents, element, idName) in underTables)
        {
            foreach (var document in documents)
            {
                var component = document.Root.Name.LocalName == element ? document.Root : document.Root.Element(element);
                if (SolutionXml.Guid(component?.Element(idName)?.Value) is not { } id
                    || !catalog.Tables.TryGetValue(SolutionSource.TableFolder(document), out var table) || table.IsCustom)
                {
                    continue;
                }

                var braced = SolutionXml.Braced(id);
                yield return (type, braced, document, component!.Element(idName)!, $"<RootComponent type=\"{type}\" id=\"{braced}\" behavior=\"0\" />");
            }
        }

        foreach (var document in source.Dashboards)
        {
            if (SolutionXml.Guid(document.Root.Element("FormId")?.Value) is { } id)
            {
                var braced = SolutionXml.Braced(id);
                yield return (SystemForm, braced, document, document.Root.Element("FormId")!, $"<RootComponent type=\"60\" id=\"{braced}\" behavior=\"0\" />");
            }
        }

        foreach (var document in source.WebResources.Where(d => d.Root.Element("Name") is not null))
        {
            var name = document.Root.Element("Name")!.Value;
            yield return (WebResource, name.ToLowerInvariant(), document, document.Root.Element("Name")!, $"<RootComponent type=\"61\" schemaName=\"{name}\" behavior=\"0\" />");
        }

        foreach (var endpoint in source.ServiceEndpoints?.Root.Elements("ServiceEndpoint") ?? [])
        {
            if (SolutionXml.Guid(endpoint.Attribute("ServiceEndpointId")?.Value) is { } id)
            {
                yield return (ServiceEndpoint, SolutionXml.Braced(id), source.ServiceEndpoints!, endpoint, $"<RootComponent type=\"95\" id=\"{SolutionXml.Braced(id)}\" behavior=\"0\" />");
            }
        }

        foreach (var document in source.EnvironmentVariables.Where(d => d.Root.Attribute("schemaname") is not null))
        {
            var name = document.Root.Attribute("schemaname")!.Value;
            yield return (EnvironmentVariable, name.ToLowerInvariant(), document, document.Root, $"<RootComponent type=\"380\" schemaName=\"{name}\" behavior=\"0\" />");
        }
    }
}
