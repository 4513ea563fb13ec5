using System.IO.Compression;
using System.Xml.Linq;

namespace CrmRecording.Cli.Tests.Solution;

/// <summary>
/// The compliance views, charts and the "Call recording compliance" dashboard: packed where Dataverse reads them
/// (charts in their table's Visualizations, the dashboard in Dashboards, both listed as root components), and a copy
/// of the source with one of them broken fails the pack naming the file and the element.
/// </summary>
public sealed class ComplianceChartsTests : IDisposable
{
    private const string RecordedView = "{d72c9d97-ee40-437f-975c-8867ca114598}";
    private const string RecordedChart = "Entities/PhoneCall/Visualizations/{383696ee-4152-4368-b3fe-e428085c38af}.xml";
    private const string ConsentChart = "Entities/crr_ConsentLog/Visualizations/{e753f01b-6e74-4aab-8985-aa3292703b32}.xml";
    private const string ManualStartsChart = "Entities/crr_ConsentLog/Visualizations/{a17456ff-5a67-4641-9d07-5c20e77c52b6}.xml";
    private const string Dashboard = "Dashboards/{b9049ba0-420e-4492-9363-0e2032bf558a}.xml";

    private readonly SourceCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void Pack_RealSource_PutsChartsInTheirTablesAndTheDashboardWithItsChartsAndViews()
    {
        var r = _copy.Pack();
        Assert.True(r.ExitCode == 0, r.ToString());
        using var zip = ZipFile.OpenRead(_copy.Zip);
        var customizations = SolutionPackRun.Xml(zip, "customizations.xml").Root!;
        var entities = customizations.Element("Entities")!.Elements("Entity").ToDictionary(e => e.Element("Name")!.Value);
        Assert.Equal(["Recorded calls by decision"], Names(entities["PhoneCall"].Element("Visualizations")!));
        Assert.Equal(["Consent outcomes by jurisdiction", "Manual starts by month"], Names(entities["crr_ConsentLog"].Element("Visualizations")!).Order(StringComparer.Ordinal));
        Assert.Contains("Lost recordings", Names(entities["PhoneCall"].Element("SavedQueries")!.Element("savedqueries")!));

        var dashboard = Assert.Single(customizations.Element("Dashboards")!.Elements("Dashboard"));
        Assert.Equal("Call recording compliance", dashboard.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value);
        var charts = customizations.Descendants("savedqueryvisualizationid").Select(e => e.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var views = customizations.Descendants("savedqueryid").Select(e => e.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var controls = dashboard.Descendants("parameters").ToList();
        Assert.Equal(5, controls.Count);
        Assert.All(controls, p => Assert.Contains(p.Element("ViewId")!.Value, views));
        Assert.Equal(charts.Order(StringComparer.OrdinalIgnoreCase), controls.Select(p => p.Element("VisualizationId")?.Value).OfType<string>().Order(StringComparer.OrdinalIgnoreCase));

        var roots = SolutionPackRun.Xml(zip, "solution.xml").Root!.Descendants("RootComponent").Select(c => (c.Attribute("type")!.Value, c.Attribute("id")?.Value)).ToList();
        Assert.Contains(("59", "{383696ee-4152-4368-b3fe-e428085c38af}"), roots);
        Assert.Contains(("60", "{b9049ba0-420e-4492-9363-0e2032bf558a}"), roots);
        Assert.Contains(("26", RecordedView), roots);
    }

    [Fact]
    public void Pack_ChartMeasureThatIsNoAggregate_NamesTheMeasure()
    {
        _copy.Replace(RecordedChart, "<measure alias=\"aggregate_column\" />", "<measure alias=\"groupby_column\" />");

        Assert.Matches(@"Visualizations/\{383696ee-4152-4368-b3fe-e428085c38af\}\.xml:\d+: <measure alias=""groupby_column"">: a measure is an aggregated attribute of the query; none has this alias\.", Fails());
    }

    [Fact]
    public void Pack_ChartAggregateFetchXmlDoesNotHave_NamesTheAttribute()
    {
        _copy.Replace(ConsentChart, "aggregate=\"count\"", "aggregate=\"total\"");

        Assert.Contains("<attribute name=\"crr_consentlogid\" alias=\"aggregate_column\">: aggregate 'total' is not a FetchXML aggregate", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ChartSummingATextColumn_SaysItNeedsANumber()
    {
        _copy.Replace(ConsentChart, "<attribute name=\"crr_consentlogid\" aggregate=\"count\"", "<attribute name=\"crr_method\" aggregate=\"sum\"");

        Assert.Contains("<attribute name=\"crr_method\" alias=\"aggregate_column\">: sum needs a number column; crr_method is nvarchar.", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ChartGroupingByAColumnThatDoesNotExist_NamesTheColumnAndTheTable()
    {
        _copy.Replace(RecordedChart, "<attribute name=\"crr_decision\" groupby=\"true\"", "<attribute name=\"crr_decisions\" groupby=\"true\"");

        Assert.Matches(@"Visualizations/\{383696ee-4152-4368-b3fe-e428085c38af\}\.xml:\d+: <attribute name=""crr_decisions"">: crr_decisions is not a column of PhoneCall", Fails());
    }

    [Fact]
    public void Pack_ChartDrawingMoreSeriesThanItMeasures_CountsBoth()
    {
        _copy.Replace(ManualStartsChart, "<Series>\n", "<Series>\n        <Series ChartType=\"Column\" />\n");

        Assert.Contains("the <Chart> draws 2 <Series>, but the data description has 1 <measurecollection>", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ViewConditionOnAnOptionTheChoiceDoesNotHave_ListsTheOptions()
    {
        var view = $"Entities/PhoneCall/SavedQueries/{RecordedView}.xml";
        _copy.Replace(view, "<condition attribute=\"crr_recordingurl\" operator=\"not-null\" />", "<condition attribute=\"crr_recordingurl\" operator=\"not-null\" />\n            <condition attribute=\"crr_decision\" operator=\"ne\" value=\"107340009\" />");

        Assert.Contains("<condition attribute=\"crr_decision\" operator=\"ne\" value=\"107340009\">: 107340009 is not an option of crr_decision (107340000, 107340001, 107340002, 107340003).", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_DashboardChartThatIsNotThere_NamesTheControl()
    {
        _copy.Replace(Dashboard, "<VisualizationId>{a17456ff-5a67-4641-9d07-5c20e77c52b6}</VisualizationId>", "<VisualizationId>{a17456ff-5a67-4641-9d07-5c20e77c52b7}</VisualizationId>");

        Assert.Matches(@"crmrec: Dashboards/\{b9049ba0-420e-4492-9363-0e2032bf558a\}\.xml:\d+: <control id=""chart_manual_starts"">: <VisualizationId> must be a chart of crr_ConsentLog in Entities/crr_ConsentLog/Visualizations/\.", Fails());
    }

    [Fact]
    public void Pack_DashboardChartBesideAViewThatLacksItsCategory_NamesTheColumn()
    {
        // Pair the consent chart with the subgrids' consent log view, once that view no longer fetches the answer the chart's series come from.
        _copy.Replace(Dashboard, "<ViewId>{ea41cb8b-fca3-4847-8f83-bcb8caa1fa8e}</ViewId>", "<ViewId>{29e57469-84d4-41a5-8764-e9914aae21db}</ViewId>");
        _copy.Replace("Entities/crr_ConsentLog/SavedQueries/{29e57469-84d4-41a5-8764-e9914aae21db}.xml", "          <attribute name=\"crr_answer\" />\n", string.Empty);
        _copy.Replace("Entities/crr_ConsentLog/SavedQueries/{29e57469-84d4-41a5-8764-e9914aae21db}.xml", "          <cell name=\"crr_answer\" width=\"100\" />\n", string.Empty);

        Assert.Contains("<control id=\"chart_consent_by_jurisdiction\">: the chart groups by crr_answer, which its view does not fetch", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_DashboardListOfAViewOfAnotherTable_NamesTheControl()
    {
        _copy.Replace(Dashboard, "<ViewId>{e09fc4cb-301b-49a7-b2cc-d6952bdbce02}</ViewId>", "<ViewId>{ededa155-62d9-4db2-9db8-223893ff822f}</ViewId>");

        Assert.Contains("<control id=\"grid_lost_recordings\">: <ViewId> must be a view of PhoneCall in Entities/PhoneCall/SavedQueries/.", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ChartOfAnExistingTableNotListed_SaysWhichRootComponentToAdd()
    {
        _copy.Replace("Other/Solution.xml", "      <RootComponent type=\"59\" id=\"{383696ee-4152-4368-b3fe-e428085c38af}\" behavior=\"0\" />\n", string.Empty);

        Assert.Contains("is not listed in Other/Solution.xml <RootComponents>; add <RootComponent type=\"59\" id=\"{383696ee-4152-4368-b3fe-e428085c38af}\" behavior=\"0\" />", Fails(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_DashboardNotListed_SaysWhichRootComponentToAdd()
    {
        _copy.Replace("Other/Solution.xml", "      <RootComponent type=\"60\" id=\"{b9049ba0-420e-4492-9363-0e2032bf558a}\" behavior=\"0\" />\n", string.Empty);

        Assert.Contains("add <RootComponent type=\"60\" id=\"{b9049ba0-420e-4492-9363-0e2032bf558a}\" behavior=\"0\" />", Fails(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Names(XElement components) =>
        components.Elements().Select(c => c.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value);

    private string Fails() => _copy.PackFails();
}
