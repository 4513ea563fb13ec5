namespace CrmRecording.Service.Pages;

/// <summary>
/// The rep's dialer pane, one page for both CRMs with a host adapter each:
/// <list type="bullet">
/// <item><c>GET /crm/dynamics/dialer?base=ORG</c>: a CIF 1.0 channel provider; the org's <c>msdyn_ciLibrary.js</c>.</item>
/// <item><c>GET /crm/salesforce/dialer?sfdcIframeOrigin=ORG&amp;mode=Lightning</c>: the Open CTI softphone of a call
/// center whose <c>reqAdapterUrl</c> is this page; Salesforce adds both parameters to the adapter URL, and the page loads
/// <c>opencti_min.js</c> from that Lightning origin.</item>
/// </list>
/// The org is checked against <c>Pages:OrgOrigins</c> or <c>Pages:SalesforceOrgOrigins</c> before anything loads; only an
/// allowed org's library is named in the page and allowed by its CSP.
/// </summary>
internal static class DialerPage
{
    /// <summary>Where Twilio's Voice SDK signals and reports (remote mode only): its edges and event gateway.</summary>
    internal static readonly string[] TwilioOrigins = ["wss://*.twilio.com", "https://*.twilio.com"];

    /// <summary>The Open CTI API version of the library path (Lightning's <c>/support/api/VERSION/lightning/opencti_min.js</c>).</summary>
    public const string OpenCtiApiVersion = "62.0";

    public static IResult Serve(string? @base, PagePolicy policy, IServiceProvider services) =>
        policy.AllowedOrg(@base) is { } org
            ? Page(Crm.CrmRecordRef.Dynamics, org, "/webresources/Widget/msdyn_ciLibrary.js", services)
            : NotAllowed();

    public static IResult ServeSalesforce(string? sfdcIframeOrigin, string? mode, PagePolicy policy, IServiceProvider services) =>
        policy.AllowedOrg(sfdcIframeOrigin, Crm.CrmRecordRef.Salesforce) is { } org && mode is null or "Lightning"
            ? Page(Crm.CrmRecordRef.Salesforce, org, OpenCtiLibraryPath, services)
            : NotAllowed();

    /// <summary>Where Lightning serves the Open CTI library.</summary>
    public static string OpenCtiLibraryPath => $"/support/api/{OpenCtiApiVersion}/lightning/opencti_min.js";

    private static HtmlTemplateResult NotAllowed() =>
        new("crm/org-not-allowed.html", new Dictionary<string, string>(), StatusCodes.Status400BadRequest);

    private static HtmlTemplateResult Page(string crm, Uri org, string libraryPath, IServiceProvider services)
    {
        var origin = org.GetLeftPart(UriPartial.Authority);
        var simulated = services.GetService<Sandbox.SandboxTwilio>() is not null;
        return new HtmlTemplateResult("crm/dialer.html", new Dictionary<string, string>
        {
            ["crm"] = crm,
            ["org"] = origin,
            ["hostLibrary"] = origin + libraryPath,
        })
        {
            ScriptOrigins = [origin],
            ConnectOrigins = simulated ? [] : TwilioOrigins,
        };
    }
}
