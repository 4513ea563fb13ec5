using CrmRecording.Dataverse;
using CrmRecording.Service.Pages;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox CRM page at <c>/</c>, standing in for Dynamics 365: the seeded records with "Call" buttons and their
/// phone calls, framing the real dialer under the service's other loopback name (a real cross-origin iframe), with a
/// stand-in of the org's CIF library at the path Dynamics serves it from. Mapped in sandbox mode only.
/// </summary>
internal static partial class SandboxCrmEndpoints
{
    public const string CifLibraryPath = "/webresources/Widget/msdyn_ciLibrary.js";

    public static IEndpointRouteBuilder MapSandboxCrm(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ServePage).ExcludeFromDescription();
        app.MapGet(CifLibraryPath, (IWebHostEnvironment environment, HttpResponse response) => ServeScript("sandbox/cif/msdyn_ciLibrary.js", environment, response)).ExcludeFromDescription();
        app.MapGet("/sandbox/crm/records", ReadAsync).WithTags("sandbox")
            .WithSummary("Sandbox only: the seeded contacts, leads and opportunities with their numbers, and their phone calls.");

        // What a newcomer opens first: said once the service listens, with the address it listens on.
        var services = app.ServiceProvider;
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
        {
            var addresses = services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses;
            var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmRecording.Service.Sandbox");
            foreach (var address in addresses ?? [])
            {
                var page = address.TrimEnd('/') + "/";
                Welcome(log, page);
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox CRM page: open {Address} in a browser, sign in as a seeded user (Riley Chen, the rep) and click a number")]
    private static partial void Welcome(ILogger logger, string address);

    internal static IResult ServePage(HttpRequest request)
    {
        var dialer = SandboxOrigins.OtherOrigin(request);
        var self = $"{request.Scheme}://{request.Host}";
        return new HtmlTemplateResult("sandbox/index.html", new Dictionary<string, string>
        {
            ["dialerOrigin"] = dialer,
            ["dialerUrl"] = $"{dialer}/crm/dynamics/dialer?base={Uri.EscapeDataString(self)}",
        })
        {
            FrameOrigins = [dialer],
        };
    }

    /// <summary>A CRM library stand-in from wwwroot, served where the CRM serves the real one.</summary>
    internal static IResult ServeScript(string file, IWebHostEnvironment environment, HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(environment.WebRootFileProvider.GetFileInfo(file).CreateReadStream(), "text/javascript; charset=utf-8");
    }

    internal static async Task<IResult> ReadAsync(DataverseClient crm, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        return Results.Ok(await SandboxCrmRecords.ReadAsync(crm, cancellationToken).ConfigureAwait(false));
    }
}
