namespace CrmRecording.Service.Reports;

/// <summary>The <c>Reports</c> section: teams for the report's <c>team</c> filter, and where the CRMs' record pages are.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Team name → the CRM ids of its reps (systemuserid GUIDs, Salesforce User ids).</summary>
    public Dictionary<string, string[]> Teams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Salesforce org's address (<c>https://MYDOMAIN.my.salesforce.com</c>) for links to its records; none when unset.</summary>
    public Uri? SalesforceUrl { get; set; }
}
