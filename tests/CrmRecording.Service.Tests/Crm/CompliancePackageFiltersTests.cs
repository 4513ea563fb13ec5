using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Tests.Calls;

namespace CrmRecording.Service.Tests.Crm;

/// <summary>
/// The CRM packages' compliance views and reports filter on text the service writes (the phone call's consent summary,
/// the consent log's event): each filter, read from the package source, selects what the service writes for its case
/// and not the neighbouring case, so a change of wording on either side fails here.
/// </summary>
public sealed class CompliancePackageFiltersTests
{
    private static readonly XNamespace Md = "http://soap.sforce.com/2006/04/metadata";

    private static readonly string Dynamics = Path.Combine(SalesforcePackageSchema.RepositoryRoot(), "solution-package", "dynamics", "Entities");

    private static readonly string Reports = Path.Combine(SalesforcePackageSchema.RepositoryRoot(), "solution-package", "salesforce", "force-app", "main", "default", "reports", "Call_Recording_Compliance");

    [Fact]
    public void LostRecordingsView_SummaryOfACallThatLostARecording_IsSelectedAndOneThatStoredItIsNot()
    {
        var filter = Like(Condition("PhoneCall", "{e09fc4cb-301b-49a7-b2cc-d6952bdbce02}", "crr_consentsummary"));
        var lost = CallRecords.New() with { Recordings = [new CallRecording("RE0123", "lost", Problem: "Twilio no longer has it")] };
        var stored = CallRecords.New() with { Recordings = [new CallRecording("RE0123", "stored", VaultId: "v1")] };

        Assert.Matches(filter, lost.ConsentSummary());
        Assert.DoesNotMatch(filter, stored.ConsentSummary());
    }

    [Theory]
    [InlineData("consent-granted", true)]
    [InlineData("consent-declined", true)]
    [InlineData("consent-timeout", true)]
    [InlineData("disclosure-played", false)]
    [InlineData("manual-start", false)]
    public void ConsentOutcomesViewAndReport_EventKey_SelectsAnswersOnly(string kind, bool selected)
    {
        var key = Event(kind).Key;

        Assert.Equal(selected, Like(Condition("crr_ConsentLog", "{ea41cb8b-fca3-4847-8f83-bcb8caa1fa8e}", "crr_event")).IsMatch(key));
        Assert.Equal(selected, key.StartsWith(StartsWith("Consent_Outcomes_by_Jurisdiction"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("manual-start", true)]
    [InlineData("consent-granted", false)]
    public void ManualStartsViewAndReport_EventKey_SelectsManualStartsOnly(string kind, bool selected)
    {
        var key = Event(kind).Key;

        Assert.Equal(selected, Like(Condition("crr_ConsentLog", "{ededa155-62d9-4db2-9db8-223893ff822f}", "crr_event")).IsMatch(key));
        Assert.Equal(selected, key.StartsWith(StartsWith("Manual_Starts_by_Month"), StringComparison.Ordinal));
    }

    private static ConsentEvent Event(string kind) =>
        new(kind, DateTimeOffset.UnixEpoch, null, "keypad", null, kind == "manual-start" ? "verbal" : "consent-request", "3", "en-US", ["US-CA"], "call");

    private static string Condition(string table, string view, string column) =>
        XDocument.Load(Path.Combine(Dynamics, table, "SavedQueries", view + ".xml")).Descendants("condition")
            .Single(c => c.Attribute("attribute")!.Value == column).Attribute("value")!.Value;

    private static string StartsWith(string report) =>
        XDocument.Load(Path.Combine(Reports, report + ".report-meta.xml")).Descendants(Md + "criteriaItems")
            .Single(c => c.Element(Md + "operator")!.Value == "startsWith").Element(Md + "value")!.Value;

    /// <summary>A FetchXML <c>like</c> pattern as a regex over the whole value: % any run, _ one character.</summary>
    private static Regex Like(string pattern) =>
        new("^" + string.Concat(pattern.Select(c => c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) })) + "$", RegexOptions.Singleline);
}
