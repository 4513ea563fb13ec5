using CrmRecording.Service.Sandbox;

namespace CrmRecording.Service.Pages;

/// <summary>The HTML pages: plain documents whose modules call the API with the signed-in user's token.</summary>
internal static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/recordings/{id}", (string id) => new HtmlTemplateResult("player/player.html"))
            .ExcludeFromDescription();
        app.MapGet("/crm/dynamics/dialer", DialerPage.Serve).ExcludeFromDescription();
        if (app.ServiceProvider.GetService<Sandbox.SandboxDataverse>() is not null)
        {
            app.MapSandboxCrm();
        }

        return app;
    }
}
