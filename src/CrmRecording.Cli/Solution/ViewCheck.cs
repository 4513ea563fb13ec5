using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// Entities/*/SavedQueries/&lt;id&gt;.xml: a view of a declared table, named after its id, whose FetchXML queries that
/// table with columns the solution declares, and whose grid shows only columns the query fetches.
/// </summary>
internal static class ViewCheck
{
    public static void Run(SolutionSource source, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var ids = new HashSet<Guid>();
        foreach (var document in source.Views)
        {
            var views = document.Root.Elements("savedquery").ToList();
            if (document.Root.Name.LocalName != "savedqueries" || views.Count != 1 || SolutionXml.Guid(views[0].Element("savedqueryid")?.Value) is not { } id)
            {
                problems.Add(SourceProblem.At(document, document.Root, $"<{document.Root.Name.LocalName}>", "the root must be <savedqueries> holding one <savedquery> with a <savedqueryid> GUID."));
                continue;
            }

            var view = views[0];
            var where = $"<savedquery> <savedqueryid>{view.Element("savedqueryid")!.Value}</savedqueryid>";
            if (!ids.Add(id))
            {
                problems.Add(SourceProblem.At(document, view.Element("savedqueryid"), where, "the id is used by another view."));
            }

            if (!string.Equals(Path.GetFileNameWithoutExtension(document.Path), SolutionXml.Braced(id), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(SourceProblem.At(document, view.Element("savedqueryid"), where, $"SolutionPackager names the file after the view id: {SolutionXml.Braced(id)}.xml."));
            }

            if (view.Element("LocalizedNames")?.Element("LocalizedName")?.Attribute("description")?.Value is not { Length: > 0 })
            {
                problems.Add(SourceProblem.At(document, view, where, "needs <LocalizedNames> with the view's name."));
            }

            if (SolutionXml.Int(view.Element("querytype")?.Value) is null)
            {
                problems.Add(SourceProblem.At(document, view, where, "needs a numeric <querytype> (0 for a public view)."));
            }

            if (!catalog.Tables.TryGetValue(SolutionSource.TableFolder(document), out var table))
            {
                problems.Add(SourceProblem.At(document, view, where, $"Entities/{SolutionSource.TableFolder(document)}/Entity.xml is missing: a view belongs to a table the solution declares."));
                continue;
            }

            CheckQuery(document, view, where, table, catalog, identity, problems);
        }
    }

    private static void CheckQuery(SourceDocument document, XElement view, string where, TableInfo table, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var entity = view.Element("fetchxml")?.Element("fetch")?.Element("entity");
        if (entity is null || entity.Attribute("name")?.Value != table.LogicalName)
        {
            problems.Add(SourceProblem.At(document, entity ?? view, where, $"<fetchxml> must hold <fetch><entity name=\"{table.LogicalName}\">, the table of the folder it is in."));
            return;
        }

        CheckColumns(document, entity, table, catalog, identity, problems);
        var fetched = entity.Elements("attribute").Select(a => a.Attribute("name")?.Value ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        foreach (var cell in view.Element("layoutxml")?.Descendants("cell") ?? [])
        {
            var name = cell.Attribute("name")?.Value ?? string.Empty;
            if (!name.Contains('.', StringComparison.Ordinal) && !fetched.Contains(name))
            {
                problems.Add(SourceProblem.At(document, cell, $"{where} <cell name=\"{name}\">", $"the grid shows {name}, which the FetchXML does not fetch; add <attribute name=\"{name}\" />."));
            }
        }
    }

    /// <summary>Prefixed columns the query names (attributes, sort orders, conditions) must be declared on their table, link-entities included.</summary>
    private static void CheckColumns(SourceDocument document, XElement entity, TableInfo table, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        foreach (var (name, element) in Columns(entity).Where(c => c.Name.StartsWith(identity.SchemaPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            if (!table.Columns.ContainsKey(name))
            {
                problems.Add(SourceProblem.At(document, element, SolutionXml.Describe(element, "name", "attribute"), $"{name} is not a column of {table.SchemaName} in Entities/{table.SchemaName}/Entity.xml."));
            }
        }

        foreach (var link in entity.Elements("link-entity"))
        {
            var linked = catalog.Tables.Values.FirstOrDefault(t => t.LogicalName == link.Attribute("name")?.Value);
            if (linked is null)
            {
                if (Columns(link).Any(c => c.Name.StartsWith(identity.SchemaPrefix, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add(SourceProblem.At(document, link, SolutionXml.Describe(link, "name"), "names the solution's columns on a table that is not in Entities/."));
                }

                continue;
            }

            CheckColumns(document, link, linked, catalog, identity, problems);
        }
    }

    /// <summary>The columns one entity or link-entity element names directly (not those of its nested link-entities).</summary>
    private static IEnumerable<(string Name, XElement Element)> Columns(XElement entity) =>
        entity.Elements("attribute").Select(a => (a.Attribute("name")?.Value ?? string.Empty, a))
            .Concat(entity.Elements("order").Select(o => (o.Attribute("attribute")?.Value ?? string.Empty, o)))
            .Concat(entity.Elements("filter").DescendantsAndSelf("filter").Elements("condition").Select(c => (c.Attribute("attribute")?.Value ?? string.Empty, c)));
}
