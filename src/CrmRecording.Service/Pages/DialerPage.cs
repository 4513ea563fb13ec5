namespace CrmRecording.Service.Pages;

/// <summary>
/// <c>GET /crm/dynamics/dialer?base=ORG</c>: the rep's dialer pane as a CIF 1.0 channel provider. The org in
/// <c>base</c> is checked against <c>Pages:OrgOrigins</c> before anything loads; only an allowed org's
/// <c>msdyn_ciLibrary.js</c> is named in the page and allowed by its CSP.
/// </summary>
internal static class DialerPage
{
    /// <summary>Where Twilio's Voice SDK signals and reports (remote mode only): its edges and event gateway.</summary>
    internal static readonly string[] TwilioOrigins = ["wss://*.twilio.com", "https://*.twilio.com"];

    public static IResult Serve(string? @base, PagePolicy policy, IServiceProvider services)
    {
        if (policy.AllowedOrg(@base) is not { } org)
        {
            return new HtmlTemplateResult("crm/org-not-allowed.html", new Dictionary<string, string>(), StatusCodes.Status400BadRequest);
        }

        var origin = org.GetLeftPart(UriPartial.Authority);
        var simulated = services.GetService<Sandbox.SandboxTwilio>() is not null;
        return new HtmlTemplateResult("crm/dynamics/dialer.html", new Dictionary<string, string> { ["org"] = origin })
        {
            ScriptOrigins = [origin],
            ConnectOrigins = simulated ? [] : TwilioOrigins,
        };
    }
}
