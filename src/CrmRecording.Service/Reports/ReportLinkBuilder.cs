using CrmRecording.Core.Reports;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Reports;

/// <summary>The report's links: the service's player page, and each CRM's own record page when its address is known.</summary>
internal static class ReportLinkBuilder
{
    /// <param name="dynamics">The Dataverse environment (<c>https://org.crm.dynamics.com</c>) when the service talks to a real one.</param>
    /// <param name="salesforce">The Salesforce org's address when configured.</param>
    public static ReportLinks For(Uri? dynamics, Uri? salesforce) => new(ReportLinks.DefaultPlayer, record => record.Crm switch
    {
        CrmRecordRef.Dynamics when dynamics is not null =>
            $"{dynamics.GetLeftPart(UriPartial.Authority)}/main.aspx?pagetype=entityrecord&etn={Uri.EscapeDataString(record.Entity)}&id={Uri.EscapeDataString(record.Id)}",
        CrmRecordRef.Salesforce when salesforce is not null =>
            $"{salesforce.GetLeftPart(UriPartial.Authority)}/lightning/r/{Uri.EscapeDataString(record.Entity)}/{Uri.EscapeDataString(record.Id)}/view",
        _ => null,
    });
}
