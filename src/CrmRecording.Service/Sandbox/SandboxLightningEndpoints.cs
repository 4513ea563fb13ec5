using CrmRecording.Salesforce;
using CrmRecording.Service.Pages;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox CRM page's Salesforce variant at <c>/salesforce</c>, standing in for Lightning Experience: the sandbox
/// org's Contacts and Leads with their phone numbers and recordings, framing the real Salesforce dialer under the
/// service's other loopback name as the Open CTI softphone, with a stand-in of Lightning's <c>opencti_min.js</c> at the
/// path Lightning serves it from. Mapped in sandbox mode, when the Salesforce stand-in runs.
/// </summary>
internal static class SandboxLightningEndpoints
{
    public static IEndpointRouteBuilder MapSandboxLightning(this IEndpointRouteBuilder app)
    {
        app.MapGet("/salesforce", ServePage).ExcludeFromDescription();
        app.MapGet(DialerPage.OpenCtiLibraryPath, (IWebHostEnvironment environment, HttpResponse response) => SandboxCrmEndpoints.ServeScript("sandbox/opencti/opencti_min.js", environment, response)).ExcludeFromDescription();
        app.MapGet("/sandbox/crm/salesforce/records", ReadAsync).WithTags("sandbox")
            .WithSummary("Sandbox only: the Salesforce stand-in's Contacts and Leads with their numbers, and their Call_Recording__c rows.");
        return app;
    }

    internal static IResult ServePage(HttpRequest request)
    {
        var dialer = SandboxOrigins.OtherOrigin(request);
        var self = $"{request.Scheme}://{request.Host}";
        return new HtmlTemplateResult("sandbox/salesforce.html", new Dictionary<string, string>
        {
            ["dialerOrigin"] = dialer,
            // What Salesforce opens the call center's reqAdapterUrl with: the Lightning origin and the mode.
            ["dialerUrl"] = $"{dialer}/crm/salesforce/dialer?sfdcIframeOrigin={Uri.EscapeDataString(self)}&mode=Lightning",
        })
        {
            FrameOrigins = [dialer],
        };
    }

    internal static async Task<IResult> ReadAsync(Lazy<SalesforceClient> crm, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        return Results.Ok(await SandboxSalesforceRecords.ReadAsync(crm.Value, cancellationToken).ConfigureAwait(false));
    }
}
