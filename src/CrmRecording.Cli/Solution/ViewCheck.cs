using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// Entities/*/SavedQueries/&lt;id&gt;.xml: a view of a declared table, named after its id, whose FetchXML queries that
/// table with columns the solution declares (and options they have), and whose grid shows only columns the query fetches.
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
            var where = ComponentFile.Check(document, view, "savedqueryid", id, "view", "another view", ids, problems);
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

        FetchXmlColumns.Check(document, entity, table, catalog, identity, problems);
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
}
