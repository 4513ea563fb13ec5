using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// customizations.xml: Other/Customizations.xml with its placeholders filled from the component folders and
/// the generated steps, sections in the order of the ImportExportXml sequence in CustomizationsSolution.xsd.
/// </summary>
internal static class CustomizationsBuilder
{
    private static readonly string[] SchemaOrder =
    [
        "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "RibbonDiffXml", "IsvConfig", "RelationshipRoles",
        "ConnectionRoles", "SiteMap", "EntityMaps", "EntityRelationships", "OrganizationSettings", "optionsets", "Reports", "RoutingRules",
        "ChannelPropertyGroups", "ConvertRules", "MobileOfflineProfiles", "Slas", "ChannelAccessProfiles", "ChannelAccessProfileRules",
        "Dashboards", "InteractionCentricDashboards", "Dialogs", "WebResources", "CustomControls", "SolutionPluginAssemblies",
        "SdkMessageProcessingSteps", "ServiceEndpoints", "AppModuleSiteMaps", "AppModules", "EntityDataProviders", "EntityDataSources",
        "Languages", "GlobalSearchConfigurations", "StoredProcedures",
    ];

    public static XDocument Build(SolutionSource source, SourceCatalog catalog, IReadOnlyList<GeneratedStep> steps, IReadOnlyDictionary<string, string> webResourceFiles)
    {
        var filled = new Dictionary<string, IEnumerable<XElement>>(StringComparer.Ordinal)
        {
            ["Entities"] = catalog.Tables.Values.OrderBy(t => t.LogicalName, StringComparer.Ordinal).Select(t => Entity(source, t)),
            ["Roles"] = source.Roles.Select(d => SolutionXml.Detached(d.Root)),
            ["EntityRelationships"] = catalog.Relationships.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => SolutionXml.Detached(r.Element)),
            ["optionsets"] = source.OptionSets.Select(d => SolutionXml.Detached(d.Root)),
            ["Dashboards"] = source.Dashboards.OrderBy(d => d.Path, StringComparer.Ordinal).Select(d => SolutionXml.Detached(d.Root)),
            ["WebResources"] = source.WebResources.Select(d => WebResource(d, webResourceFiles)),
            ["SdkMessageProcessingSteps"] = steps.OrderBy(s => s.Registration.Name, StringComparer.Ordinal).Select(s => new XElement(s.Xml)),
            ["ServiceEndpoints"] = source.ServiceEndpoints?.Root.Elements("ServiceEndpoint").Select(SolutionXml.Detached) ?? [],
        };

        var root = SolutionXml.Detached(source.Customizations!.Root);
        foreach (var (section, content) in filled)
        {
            var element = root.Element(section);
            if (element is null)
            {
                element = new XElement(section);
                var rank = Rank(section);
                var before = root.Elements().FirstOrDefault(e => Rank(e.Name.LocalName) > rank);
                if (before is null)
                {
                    root.Add(element);
                }
                else
                {
                    before.AddBeforeSelf(element);
                }
            }

            element.ReplaceNodes(content);
        }

        root.Add(new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>
    /// A table as customizations.xml holds it: Entity.xml's Name and EntityInfo, then its forms (grouped by type),
    /// views, command bar and charts, in the order of the Entity sequence in CustomizationsSolution.xsd.
    /// </summary>
    private static XElement Entity(SolutionSource source, TableInfo table)
    {
        bool Mine(SourceDocument d) => string.Equals(SolutionSource.TableFolder(d), table.SchemaName, StringComparison.Ordinal);
        var entity = new XElement("Entity", SolutionXml.Detached(table.Document.Root).Elements());
        var forms = source.Forms.Where(Mine).GroupBy(d => d.Path.Split('/')[3], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (forms.Count > 0)
        {
            entity.Add(new XElement("FormXml", forms.Select(g => new XElement(
                "forms", new XAttribute("type", g.Key), g.OrderBy(d => d.Path, StringComparer.Ordinal).Select(d => SolutionXml.Detached(d.Root.Element("systemform")!))))));
        }

        var views = source.Views.Where(Mine).OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
        if (views.Count > 0)
        {
            entity.Add(new XElement("SavedQueries", new XElement("savedqueries", views.Select(d => SolutionXml.Detached(d.Root.Element("savedquery")!)))));
        }

        if (source.Ribbons.FirstOrDefault(Mine) is { } ribbon)
        {
            entity.Add(SolutionXml.Detached(ribbon.Root));
        }

        var charts = source.Charts.Where(Mine).OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
        if (charts.Count > 0)
        {
            entity.Add(new XElement("Visualizations", charts.Select(d => SolutionXml.Detached(d.Root))));
        }

        return entity;
    }

    /// <summary>The web resource's metadata, pointing at the file's place in the zip.</summary>
    private static XElement WebResource(SourceDocument data, IReadOnlyDictionary<string, string> webResourceFiles)
    {
        var element = SolutionXml.Detached(data.Root);
        element.Element("FileName")!.Value = "/" + webResourceFiles[element.Element("Name")!.Value];
        return element;
    }

    // Sections this list does not know (newer component types) keep their place after the known ones before them.
    private static int Rank(string section) => Array.IndexOf(SchemaOrder, section) is var i and >= 0 ? i : int.MaxValue;
}
