using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// Entities/*/Visualizations/&lt;id&gt;.xml: a system chart (savedqueryvisualization) of a declared table, named after its
/// id. Its data description is an aggregate FetchXML of that table (declared columns, each attribute grouped or
/// aggregated under a unique alias) whose categories and measures name those aliases, as the visualization data
/// description schema has them; its presentation description draws one series per measure collection.
/// </summary>
internal static class ChartCheck
{
    private static readonly HashSet<string> Aggregates = new(StringComparer.Ordinal) { "count", "countcolumn", "sum", "avg", "min", "max" };

    private static readonly HashSet<string> DateGroupings = new(StringComparer.Ordinal) { "day", "week", "month", "quarter", "year", "fiscal-period", "fiscal-year" };

    private static readonly HashSet<string> Numeric = new(StringComparer.Ordinal) { "int", "bigint", "decimal", "float", "money" };

    public static void Run(SolutionSource source, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var ids = new HashSet<Guid>();
        foreach (var document in source.Charts)
        {
            var chart = document.Root;
            if (chart.Name.LocalName != "visualization" || SolutionXml.Guid(chart.Element("savedqueryvisualizationid")?.Value) is not { } id)
            {
                problems.Add(SourceProblem.At(document, chart, $"<{chart.Name.LocalName}>", "the root must be <visualization> with a <savedqueryvisualizationid> GUID."));
                continue;
            }

            var where = ComponentFile.Check(document, chart, "savedqueryvisualizationid", id, "chart", "another chart", ids, problems);
            if (!catalog.Tables.TryGetValue(SolutionSource.TableFolder(document), out var table))
            {
                problems.Add(SourceProblem.At(document, chart, where, $"Entities/{SolutionSource.TableFolder(document)}/Entity.xml is missing: a chart belongs to a table the solution declares."));
                continue;
            }

            CheckData(document, chart, where, table, catalog, identity, problems);
        }
    }

    /// <summary>The group-by aliases and columns of a chart's query (what its categories are drawn from).</summary>
    public static IEnumerable<(string Alias, string Column)> Groupings(XElement chart) =>
        Entity(chart)?.Elements("attribute").Where(a => a.Attribute("groupby")?.Value == "true")
            .Select(a => (a.Attribute("alias")?.Value ?? string.Empty, a.Attribute("name")?.Value ?? string.Empty)) ?? [];

    private static XElement? Entity(XElement chart) =>
        chart.Element("datadescription")?.Element("datadefinition")?.Element("fetchcollection")?.Element("fetch")?.Element("entity");

    private static void CheckData(SourceDocument document, XElement chart, string where, TableInfo table, SourceCatalog catalog, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var definition = chart.Element("datadescription")?.Element("datadefinition");
        var fetches = definition?.Element("fetchcollection")?.Elements("fetch").ToList() ?? [];
        if (fetches is not [var fetch] || fetch.Element("entity") is not { } entity || entity.Attribute("name")?.Value != table.LogicalName)
        {
            problems.Add(SourceProblem.At(document, definition ?? chart, where, $"<datadescription> must hold <datadefinition><fetchcollection> with one <fetch><entity name=\"{table.LogicalName}\">, the table of the folder it is in."));
            return;
        }

        if (fetch.Attribute("aggregate")?.Value != "true")
        {
            problems.Add(SourceProblem.At(document, fetch, "<fetch>", "a chart's query groups and aggregates: it needs aggregate=\"true\"."));
        }

        FetchXmlColumns.Check(document, entity, table, catalog, identity, problems);
        var (groups, measures) = Aliases(document, entity, table, problems);
        foreach (var order in entity.Elements("order").Where(o => o.Attribute("alias") is { } alias && !groups.Contains(alias.Value) && !measures.Contains(alias.Value)))
        {
            problems.Add(SourceProblem.At(document, order, SolutionXml.Describe(order, "alias"), "sorts by an alias no attribute of the query has."));
        }

        CheckCategories(document, definition!, groups, measures, problems);
        var collections = definition!.Element("categorycollection")?.Elements("category").Elements("measurecollection").Count() ?? 0;
        var series = chart.Element("presentationdescription")?.Element("Chart")?.Element("Series")?.Elements("Series").Count() ?? 0;
        if (series != collections)
        {
            problems.Add(SourceProblem.At(document, chart.Element("presentationdescription") ?? chart, "<presentationdescription>",
                $"the <Chart> draws {series} <Series>, but the data description has {collections} <measurecollection>: each measure collection maps to one series."));
        }
    }

    private static (HashSet<string> Groups, HashSet<string> Measures) Aliases(SourceDocument document, XElement entity, TableInfo table, List<SourceProblem> problems)
    {
        var (groups, measures) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        foreach (var attribute in entity.Elements("attribute"))
        {
            var where = SolutionXml.Describe(attribute, "name", "alias");
            var alias = attribute.Attribute("alias")?.Value ?? string.Empty;
            var aggregate = attribute.Attribute("aggregate")?.Value;
            var grouped = attribute.Attribute("groupby")?.Value == "true";
            var type = table.Columns.TryGetValue(attribute.Attribute("name")?.Value ?? string.Empty, out var column) ? column.Element("Type")?.Value : null;
            if (alias.Length == 0 || groups.Contains(alias) || measures.Contains(alias))
            {
                problems.Add(SourceProblem.At(document, attribute, where, "every attribute of an aggregate query needs an alias, unique in the query."));
            }
            else if (grouped == (aggregate is not null))
            {
                problems.Add(SourceProblem.At(document, attribute, where, "an attribute of an aggregate query is either grouped (groupby=\"true\") or aggregated (aggregate=...), not both or neither."));
            }
            else if (aggregate is not null && !Aggregates.Contains(aggregate))
            {
                problems.Add(SourceProblem.At(document, attribute, where, $"aggregate '{aggregate}' is not a FetchXML aggregate ({string.Join(", ", Aggregates)})."));
            }
            else if (aggregate is "sum" or "avg" && type is not null && !Numeric.Contains(type))
            {
                problems.Add(SourceProblem.At(document, attribute, where, $"{aggregate} needs a number column; {attribute.Attribute("name")!.Value} is {type}."));
            }
            else if (attribute.Attribute("dategrouping")?.Value is { } dates && (!grouped || !DateGroupings.Contains(dates) || type is not (null or "datetime")))
            {
                problems.Add(SourceProblem.At(document, attribute, where, $"dategrouping '{dates}' groups a date column by one of {string.Join(", ", DateGroupings)}."));
            }

            (grouped ? groups : measures).Add(alias);
        }

        if (groups.Count == 0 || measures.Count == 0)
        {
            problems.Add(SourceProblem.At(document, entity, SolutionXml.Describe(entity, "name"), "a chart's query needs at least one grouped attribute (the categories) and one aggregated attribute (the values)."));
        }

        return (groups, measures);
    }

    private static void CheckCategories(SourceDocument document, XElement definition, HashSet<string> groups, HashSet<string> measures, List<SourceProblem> problems)
    {
        var categories = definition.Element("categorycollection")?.Elements("category").ToList() ?? [];
        if (categories.Count == 0)
        {
            problems.Add(SourceProblem.At(document, definition, "<datadefinition>", "needs a <categorycollection> with at least one <category>."));
        }

        foreach (var category in categories)
        {
            if (category.Attribute("alias") is { } alias && !groups.Contains(alias.Value))
            {
                problems.Add(SourceProblem.At(document, category, SolutionXml.Describe(category, "alias"), "a category is drawn from a grouped attribute; no attribute of the query is grouped under this alias."));
            }

            var measureList = category.Elements("measurecollection").Elements("measure").ToList();
            if (measureList.Count == 0)
            {
                problems.Add(SourceProblem.At(document, category, "<category>", "needs a <measurecollection> with at least one <measure>."));
            }

            foreach (var measure in measureList.Where(m => !measures.Contains(m.Attribute("alias")?.Value ?? string.Empty)))
            {
                problems.Add(SourceProblem.At(document, measure, SolutionXml.Describe(measure, "alias"), "a measure is an aggregated attribute of the query; none has this alias."));
            }
        }
    }
}
