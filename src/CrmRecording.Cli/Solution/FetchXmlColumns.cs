using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// What a FetchXML query (a view's or a chart's) may name: the solution's prefixed columns must be declared on the
/// table they are read from (link-entities included), and a condition on a choice, yes/no, status or status reason
/// column may only compare it with one of that column's option values.
/// </summary>
internal static class FetchXmlColumns
{
    private static readonly HashSet<string> ValueOperators = new(StringComparer.Ordinal) { "eq", "ne", "neq", "in", "not-in" };

    public static void Check(SourceDocument document, XElement entity, TableInfo table, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        foreach (var (name, element) in Named(entity).Where(c => c.Name.StartsWith(identity.SchemaPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            if (!table.Columns.ContainsKey(name))
            {
                problems.Add(SourceProblem.At(document, element, SolutionXml.Describe(element, "name", "attribute"), $"{name} is not a column of {table.SchemaName} in Entities/{table.SchemaName}/Entity.xml."));
            }
        }

        CheckOptionValues(document, entity, table, catalog, problems);
        foreach (var link in entity.Elements("link-entity"))
        {
            var linked = catalog.Tables.Values.FirstOrDefault(t => t.LogicalName == link.Attribute("name")?.Value);
            if (linked is null)
            {
                if (Named(link).Any(c => c.Name.StartsWith(identity.SchemaPrefix, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add(SourceProblem.At(document, link, SolutionXml.Describe(link, "name"), "names the solution's columns on a table that is not in Entities/."));
                }

                continue;
            }

            Check(document, link, linked, catalog, identity, problems);
        }
    }

    /// <summary>The columns one entity or link-entity element names directly (not those of its nested link-entities).</summary>
    public static IEnumerable<(string Name, XElement Element)> Named(XElement entity) =>
        entity.Elements("attribute").Select(a => (a.Attribute("name")?.Value ?? string.Empty, a))
            .Concat(entity.Elements("order").Where(o => o.Attribute("attribute") is not null).Select(o => (o.Attribute("attribute")!.Value, o)))
            .Concat(Conditions(entity).Select(c => (c.Attribute("attribute")?.Value ?? string.Empty, c)));

    private static IEnumerable<XElement> Conditions(XElement entity) => entity.Elements("filter").DescendantsAndSelf("filter").Elements("condition");

    private static void CheckOptionValues(SourceDocument document, XElement entity, TableInfo table, SourceCatalog catalog, List<SourceProblem> problems)
    {
        foreach (var condition in Conditions(entity))
        {
            var column = condition.Attribute("attribute")?.Value ?? string.Empty;
            if (!ValueOperators.Contains(condition.Attribute("operator")?.Value ?? string.Empty)
                || !table.Columns.TryGetValue(column, out var declared)
                || ColumnOptions.Values(declared, catalog) is not { } allowed)
            {
                continue;
            }

            var values = condition.Attribute("value") is { } single ? [single.Value] : condition.Elements("value").Select(v => v.Value.Trim()).ToList();
            foreach (var value in values.Where(v => SolutionXml.Int(v) is not { } number || !allowed.Contains(number)))
            {
                problems.Add(SourceProblem.At(document, condition, SolutionXml.Describe(condition, "attribute", "operator", "value"),
                    $"{value} is not an option of {column} ({string.Join(", ", allowed.Order())})."));
            }
        }
    }
}
