using Microsoft.AspNetCore.StaticFiles;

namespace CrmRecording.Service.Pages;

/// <summary>Registration of the pages' shared parts: options, the header policy and the static files under wwwroot.</summary>
internal static class PageServices
{
    public static IServiceCollection AddPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PageOptions>().Bind(configuration.GetSection(PageOptions.Section))
            .PostConfigure(o => o.SalesforceInUse = Crm.SalesforceServices.Mode(configuration) != "off")
            .Validate(o => o.FrameAncestors.Concat(o.OrgOrigins).Concat(o.SalesforceOrgOrigins).All(IsOrigin), "Pages:FrameAncestors, Pages:OrgOrigins and Pages:SalesforceOrgOrigins take origins such as https://contoso.crm.dynamics.com or https://*.crm.dynamics.com.")
            .Validate(o => o.SalesforceMyDomain is null || IsOrigin($"https://{o.SalesforceMyDomain}.my.salesforce.com"), "Pages:SalesforceMyDomain is the org's My Domain name, such as contoso (for https://contoso.my.salesforce.com).")
            .ValidateOnStart();
        services.AddSingleton<PagePolicy>();
        if ((configuration["Dataverse:Mode"] ?? "sandbox") == "sandbox")
        {
            // The sandbox CRM page at / is served by the service itself: its origins are trusted like a CRM org's.
            services.AddSingleton<IRuntimePageOrigins, Sandbox.SandboxOrigins>();
        }
        return services;
    }

    /// <summary>Scripts, styles and libraries of the pages; modules are revalidated on each load, never cached stale.</summary>
    public static IApplicationBuilder UsePageFiles(this IApplicationBuilder app)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        // Pages are served only through their endpoints, with their security headers (and filled-in templates).
        types.Mappings.Remove(".html");
        types.Mappings.Remove(".htm");
        return app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = types,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.CacheControl = "no-cache";
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
    }

    private static bool IsOrigin(string text)
    {
        try
        {
            OriginPattern.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
