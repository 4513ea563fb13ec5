using System.IO.Compression;
using System.Xml.Linq;

namespace CrmRecording.Cli.Tests.Salesforce;

/// <summary>
/// The compliance report types, reports and the "Call recording compliance" dashboard: packaged by Salesforce's own
/// converter with every report and folder listed, and a copy with one broken reference refused before the converter
/// runs, naming the file, the line and the field or report.
/// </summary>
public sealed class ComplianceReportsTests : IDisposable
{
    private const string Reports = PackageCopy.Default + "reports/Call_Recording_Compliance/";
    private const string ByDecision = Reports + "Recorded_Calls_by_Decision.report-meta.xml";
    private const string ConsentType = PackageCopy.Default + "reportTypes/Consent_Logs_Compliance.reportType-meta.xml";
    private const string Dashboard = PackageCopy.Default + "dashboards/Call_Recording_Compliance/Call_Recording_Compliance.dashboard-meta.xml";

    private static readonly XNamespace Md = "http://soap.sforce.com/2006/04/metadata";

    private readonly PackageCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [SalesforceToolsFact]
    public void Pack_RealTree_ListsTheReportTypesEveryReportAndFolderAndTheDashboard()
    {
        var r = _copy.Pack();

        Assert.True(r.ExitCode == 0, r.ToString());
        using var zip = ZipFile.OpenRead(_copy.Zip);
        var members = Members(zip);
        Assert.Equal(["Call_Recordings_Compliance", "Consent_Logs_Compliance"], members["ReportType"]);
        Assert.Equal(
            ["Call_Recording_Compliance/", "Call_Recording_Compliance/Consent_Outcomes_by_Jurisdiction", "Call_Recording_Compliance/Manual_Starts_by_Month", "Call_Recording_Compliance/Recorded_Calls_by_Decision"],
            members["Report"]);
        Assert.Equal(["Call_Recording_Compliance/", "Call_Recording_Compliance/Call_Recording_Compliance"], members["Dashboard"]);

        using var stream = zip.GetEntry("dashboards/Call_Recording_Compliance/Call_Recording_Compliance.dashboard")!.Open();
        var dashboard = XDocument.Load(stream).Root!;
        Assert.Equal("Call recording compliance", dashboard.Element(Md + "title")!.Value);
        var shown = dashboard.Descendants(Md + "report").Select(e => e.Value).ToList();
        Assert.Equal(3, shown.Count);
        Assert.All(shown, report => Assert.NotNull(zip.GetEntry($"reports/{report}.report")));
    }

    [Fact]
    public void Pack_ReportReadingAFieldItsReportTypeDoesNotExpose_NamesTheReportAndTheField()
    {
        var line = _copy.Replace(ByDecision, "<field>Call_Recording__c$Rules_Version__c</field>", "<field>Call_Recording__c$Paused_Spans__c</field>");

        Assert.Contains(
            $"crmrec: {ByDecision}:{line}: the report Call_Recording_Compliance/Recorded_Calls_by_Decision reads Call_Recording__c$Paused_Spans__c, which the report type Call_Recordings_Compliance__c does not expose (its columns are Call_Recording__c$Call_Id__c, Call_Recording__c$Contact__c, Call_Recording__c$CreatedDate, Call_Recording__c$Decision__c, Call_Recording__c$Jurisdictions__c, Call_Recording__c$Lead__c, Call_Recording__c$Name, Call_Recording__c$Opportunity__c, Call_Recording__c$Recorded_Seconds__c, Call_Recording__c$Recording_Url__c, Call_Recording__c$Rep__c, Call_Recording__c$Rules_Version__c).",
            Fails());
    }

    [Fact]
    public void Pack_ReportTypeExposingAFieldTheObjectDoesNotHave_NamesTheColumn()
    {
        var line = _copy.Replace(ConsentType, "<field>Answer__c</field>", "<field>Answers__c</field>");

        var errors = Fails();

        Assert.Contains(
            $"crmrec: {ConsentType}:{line}: the report type Consent_Logs_Compliance exposes Consent_Log__c.Answers__c, which does not exist: there is no objects/Consent_Log__c/fields/Answers__c.field-meta.xml.",
            errors);
        // The report grouped by the answer now reads a field its report type no longer exposes.
        Assert.Contains(errors, e => e.Contains("Consent_Outcomes_by_Jurisdiction reads Consent_Log__c$Answer__c", StringComparison.Ordinal));
    }

    [Fact]
    public void Pack_DashboardShowingAReportThatIsNotThere_NamesTheDashboardLine()
    {
        var line = _copy.Replace(Dashboard, "<report>Call_Recording_Compliance/Manual_Starts_by_Month</report>", "<report>Call_Recording_Compliance/Manual_Starts</report>");

        Assert.Contains(
            $"crmrec: {Dashboard}:{line}: the dashboard Call_Recording_Compliance/Call_Recording_Compliance shows the report Call_Recording_Compliance/Manual_Starts, which is not in the package: there is no reports/Call_Recording_Compliance/Manual_Starts.report-meta.xml.",
            Fails());
    }

    [Fact]
    public void Pack_ReportsWhoseFolderIsMissing_SaysWhichFolderFileToAdd()
    {
        _copy.Delete(PackageCopy.Default + "reports/Call_Recording_Compliance.reportFolder-meta.xml");

        Assert.Contains(
            $"crmrec: {ByDecision}: is in the folder Call_Recording_Compliance, which the package does not define: add reports/Call_Recording_Compliance.reportFolder-meta.xml (a deploy refuses a Report whose folder is missing).",
            Fails());
    }

    [Fact]
    public void Pack_ReportOfAReportTypeNotInThePackage_NamesTheReportType()
    {
        var line = _copy.Replace(ByDecision, "<reportType>Call_Recordings_Compliance__c</reportType>", "<reportType>Call_Recordings__c</reportType>");

        Assert.Contains(
            $"crmrec: {ByDecision}:{line}: the report Call_Recording_Compliance/Recorded_Calls_by_Decision uses the report type Call_Recordings__c, which is not in the package: there is no reportTypes/Call_Recordings.reportType-meta.xml.",
            Fails());
    }

    private static Dictionary<string, List<string>> Members(ZipArchive zip)
    {
        using var stream = zip.GetEntry("package.xml")!.Open();
        return XDocument.Load(stream).Root!.Elements(Md + "types").ToDictionary(
            t => t.Element(Md + "name")!.Value,
            t => t.Elements(Md + "members").Select(m => m.Value).Order(StringComparer.Ordinal).ToList());
    }

    private string[] Fails() => _copy.PackFails();
}
