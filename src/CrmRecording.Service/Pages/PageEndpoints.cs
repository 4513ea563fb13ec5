using CrmRecording.Service.Sandbox;

namespace CrmRecording.Service.Pages;

/// <summary>The HTML pages: plain documents whose modules call the API with the signed-in user's token.</summary>
internal static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/recordings/{id}", PlayerPage.Serve).ExcludeFromDescription();
        app.MapGet(CompliancePage.Path, CompliancePage.Serve).ExcludeFromDescription();
        app.MapGet("/crm/dynamics/dialer", DialerPage.Serve).ExcludeFromDescription();
        app.MapGet("/crm/salesforce/dialer", DialerPage.ServeSalesforce).ExcludeFromDescription();
        if (app.ServiceProvider.GetService<Sandbox.SandboxDataverse>() is not null)
        {
            app.MapSandboxCrm();
            if (app.ServiceProvider.GetService<Sandbox.SandboxSalesforce>() is not null)
            {
                app.MapSandboxLightning();
            }
        }

        return app;
    }
}
