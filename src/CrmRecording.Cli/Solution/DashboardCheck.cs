using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// Dashboards/&lt;id&gt;.xml: a dashboard (a system form of type 0), named after its id, whose every chart and list
/// shows a view of a declared table that is in the solution, and whose charts are charts of that same table that
/// group by columns the view fetches (a dashboard chart draws the rows of the view beside it).
/// </summary>
internal static class DashboardCheck
{
    public static void Run(SolutionSource source, SourceCatalog catalog, List<SourceProblem> problems)
    {
        var ids = new HashSet<Guid>(catalog.Forms.Keys);
        foreach (var document in source.Dashboards)
        {
            var dashboard = document.Root;
            if (dashboard.Name.LocalName != "Dashboard" || SolutionXml.Guid(dashboard.Element("FormId")?.Value) is not { } id || dashboard.Element("form") is null)
            {
                problems.Add(SourceProblem.At(document, dashboard, $"<{dashboard.Name.LocalName}>", "the root must be <Dashboard> with a <FormId> GUID and a <form>."));
                continue;
            }

            ComponentFile.Check(document, dashboard, "FormId", id, "dashboard", "another form or dashboard", ids, problems);
            CheckControls(source, document, dashboard.Element("form")!, catalog, problems);
        }
    }

    private static void CheckControls(SolutionSource source, SourceDocument document, XElement form, SourceCatalog catalog, List<SourceProblem> problems)
    {
        var controlIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var control in form.Descendants("control"))
        {
            var where = SolutionXml.Describe(control, "id");
            if (control.Attribute("id")?.Value is not { Length: > 0 } controlId || !controlIds.Add(controlId))
            {
                problems.Add(SourceProblem.At(document, control, where, "every control needs an id, unique on the dashboard."));
            }

            if (!string.Equals(control.Attribute("classid")?.Value, FormCheck.SubgridClass, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parameters = control.Element("parameters");
            var target = parameters?.Element("TargetEntityType")?.Value ?? string.Empty;
            if (catalog.Tables.Values.FirstOrDefault(t => t.LogicalName == target) is not { } table)
            {
                problems.Add(SourceProblem.At(document, control, where, $"<TargetEntityType> '{target}' is not a table in Entities/."));
                continue;
            }

            var view = ViewOf(source, catalog, parameters?.Element("ViewId")?.Value, table);
            if (view is null)
            {
                problems.Add(SourceProblem.At(document, control, where, $"<ViewId> must be a view of {table.SchemaName} in Entities/{table.SchemaName}/SavedQueries/."));
            }

            var chartId = parameters?.Element("VisualizationId")?.Value;
            if (string.IsNullOrWhiteSpace(chartId))
            {
                if (parameters?.Element("ChartGridMode")?.Value == "Chart")
                {
                    problems.Add(SourceProblem.At(document, control, where, "<ChartGridMode> Chart needs a <VisualizationId>."));
                }

                continue;
            }

            CheckChart(source, document, control, where, catalog, table, chartId, view, problems);
        }
    }

    private static void CheckChart(SolutionSource source, SourceDocument document, XElement control, string where, SourceCatalog catalog, TableInfo table, string chartId, XElement? view, List<SourceProblem> problems)
    {
        if (SolutionXml.Guid(chartId) is not { } id || !catalog.Charts.TryGetValue(id, out var folder) || !string.Equals(folder, table.SchemaName, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(SourceProblem.At(document, control, where, $"<VisualizationId> must be a chart of {table.SchemaName} in Entities/{table.SchemaName}/Visualizations/."));
            return;
        }

        if (view is null)
        {
            return;
        }

        var chart = source.Charts.First(d => SolutionXml.Guid(d.Root.Element("savedqueryvisualizationid")?.Value) == id).Root;
        var fetched = view.Element("fetchxml")?.Element("fetch")?.Element("entity")?.Elements("attribute")
            .Select(a => a.Attribute("name")?.Value ?? string.Empty).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (_, column) in ChartCheck.Groupings(chart).Where(g => !fetched.Contains(g.Column)))
        {
            problems.Add(SourceProblem.At(document, control, where, $"the chart groups by {column}, which its view does not fetch; add <attribute name=\"{column}\" /> to the view or pair the chart with another view."));
        }
    }

    private static XElement? ViewOf(SolutionSource source, SourceCatalog catalog, string? viewId, TableInfo table) =>
        SolutionXml.Guid(viewId) is { } id && catalog.Views.TryGetValue(id, out var folder) && string.Equals(folder, table.SchemaName, StringComparison.OrdinalIgnoreCase)
            ? source.Views.Select(d => d.Root.Element("savedquery")).FirstOrDefault(v => SolutionXml.Guid(v?.Element("savedqueryid")?.Value) == id)
            : null;
}
