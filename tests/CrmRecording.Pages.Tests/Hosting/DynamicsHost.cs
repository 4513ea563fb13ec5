namespace CrmRecording.Pages.Tests.Hosting;

/// <summary>Pages of the fake Dynamics host that frame the service's pages the way the CRM does.</summary>
internal static class DynamicsHost
{
    /// <summary>
    /// A stand-in for the phone call form's side dialog opened by <c>Xrm.Navigation.navigateTo</c>: the web resource
    /// shell frames the service's page cross-origin, with the permissions a media page needs.
    /// </summary>
    public static Uri FramePage(FakeCrmHost crm, string path, Uri service, string title) =>
        crm.Serve(path, $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Dynamics 365 – {{title}}</title>
            <style>iframe { width: 960px; height: 760px; border: 0; }</style></head>
            <body><main><h1>Phone call</h1>
            <iframe title="{{title}}" src="{{service}}" allow="autoplay"></iframe>
            </main></body></html>
            """);
}
