using CrmRecording.Service.SignIn;

namespace CrmRecording.Service.Pages;

/// <summary>
/// <c>GET /reports/compliance[?crm=salesforce&amp;from=…&amp;to=…]</c>: the compliance report for a manager or an auditor,
/// charts and tables over a period. The page itself holds no data: once signed in it reads
/// <c>GET /api/reports/compliance</c> with the page token, and that API decides who may see the report (Recording
/// Reviewer or Recording Administrator). Which CRM's sign-in it offers: <c>crm</c> when given, else Dynamics'.
/// </summary>
internal static class CompliancePage
{
    public const string Path = "/reports/compliance";

    public static IResult Serve(string? crm, IServiceProvider services)
    {
        var salesforce = crm == Crm.CrmRecordRef.Salesforce && services.GetService<SalesforcePageSignIn>() is not null;
        return new HtmlTemplateResult("reports/compliance.html", new Dictionary<string, string>
        {
            ["crm"] = salesforce ? Crm.CrmRecordRef.Salesforce : Crm.CrmRecordRef.Dynamics,
        });
    }
}
