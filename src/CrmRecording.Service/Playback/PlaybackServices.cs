using CrmRecording.Dataverse;
using CrmRecording.Service.Auth;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Playback;

/// <summary>Playback: bearer-token callers, their CRM facts (cached briefly), the access rule and the endpoints.</summary>
internal static class PlaybackServices
{
    public static IServiceCollection AddPlayback(this IServiceCollection services, IConfiguration configuration)
    {
        var sandbox = (configuration["Dataverse:Mode"] ?? "sandbox") == "sandbox";
        services.AddCallerAuthentication(configuration, sandbox);
        services.AddOptions<PlaybackOptions>().Bind(configuration.GetSection(PlaybackOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // The client is built on first use: in the sandbox its address is known only once the stand-in listens.
        services.AddSingleton(sp => new CrmAccessDirectory(
            new Lazy<DataverseClient>(sp.GetRequiredService<DataverseClient>),
            sp.GetRequiredService<IOptions<PlaybackOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PlaybackAccess(sp.GetRequiredService<CrmAccessDirectory>(), sp.GetService<SalesforceAccessDirectory>()));
        services.AddSingleton(sp => new CallerUsers(
            sp.GetRequiredService<CrmAccessDirectory>(),
            sp.GetService<SalesforceAccessDirectory>(),
            configuration["Salesforce:OrganizationId"] ?? (sp.GetService<Sandbox.SandboxSalesforce>() is null ? null : Emulators.Salesforce.Seed.SalesforceSeed.OrganizationId)));
        services.AddSingleton<PlaybackGate>();
        services.AddSingleton<MediaLinks>();
        services.AddSingleton<PlaybackListens>();
        return services;
    }
}
