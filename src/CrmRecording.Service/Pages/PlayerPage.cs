using CrmRecording.Service.SignIn;

namespace CrmRecording.Service.Pages;

/// <summary>
/// <c>GET /recordings/{id}[?crm=salesforce]</c>: the player, the page a recording link opens. Which CRM's sign-in it
/// offers: <c>crm</c> when given, else Salesforce's when the link was followed (or the page framed) from a Salesforce org
/// (the <c>Referer</c>'s origin is one of <c>Pages:SalesforceOrgOrigins</c>) and Salesforce sign-in is set up, else Dynamics'.
/// </summary>
internal static class PlayerPage
{
    public static IResult Serve(string? crm, HttpRequest request, PagePolicy policy, IServiceProvider services)
    {
        var salesforce = services.GetService<SalesforcePageSignIn>() is not null
            && (crm == Crm.CrmRecordRef.Salesforce || (crm is null && policy.IsSalesforceOrigin(request.Headers.Referer.ToString())));
        return new HtmlTemplateResult("player/player.html", new Dictionary<string, string>
        {
            ["crm"] = salesforce ? Crm.CrmRecordRef.Salesforce : Crm.CrmRecordRef.Dynamics,
        });
    }
}
