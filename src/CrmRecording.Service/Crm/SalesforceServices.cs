using CrmRecording.Plugins.Steps;
using CrmRecording.Salesforce;
using CrmRecording.Service.Crm.Salesforce;
using CrmRecording.Service.Outbox;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using CrmRecording.Service.Playback;
using CrmRecording.Service.Remotes;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Crm;

/// <summary>
/// Salesforce for the service, by <c>Salesforce:Mode</c>: <c>sandbox</c> (the local stand-in; the default while
/// Dataverse is the sandbox too), <c>remote</c> (a real org, <c>Salesforce:*</c> as in <see cref="SalesforceClientOptions"/>)
/// or <c>off</c> (the default beside a real Dataverse, so a real deployment never meets the stand-in by accident).
/// </summary>
internal static class SalesforceServices
{
    public static string Mode(IConfiguration configuration) =>
        configuration["Salesforce:Mode"] ?? ((configuration["Dataverse:Mode"] ?? "sandbox") == "sandbox" ? "sandbox" : "off");

    public static IServiceCollection AddSalesforce(this IServiceCollection services, IConfiguration configuration)
    {
        var mode = Mode(configuration);
        if (mode is not ("sandbox" or "remote" or "off"))
        {
            throw new OptionsValidationException("Salesforce", typeof(SalesforceClientOptions), [$"Salesforce:Mode '{mode}' is not sandbox, remote or off."]);
        }

        if (mode == "off")
        {
            return services;
        }

        if (mode == "remote" && (configuration["Twilio:Mode"] ?? configuration["Dataverse:Mode"] ?? "sandbox") == "sandbox")
        {
            throw new OptionsValidationException("Salesforce", typeof(SalesforceClientOptions), ["Salesforce:Mode is remote while Twilio is the sandbox stand-in: calls for real Salesforce records would go to the local stand-in. Set Twilio:Mode=remote with the account's settings."]);
        }

        // Validated here, so a remote org without its notification secret or org id stops the start, naming the setting.
        var notifications = SalesforceNotificationSettings.From(configuration, mode, Emulators.Salesforce.Seed.SalesforceSeed.OrganizationId);
        services.AddSingleton(notifications);
        if (mode == "sandbox")
        {
            services.AddSingleton<Sandbox.SandboxSalesforce>();
            services.AddHostedService(sp => sp.GetRequiredService<Sandbox.SandboxSalesforce>());
        }

        // Built on first use: the stand-in's address is known only once it listens.
        services.AddSingleton(sp => new Lazy<SalesforceClient>(() =>
        {
            var options = new SalesforceClientOptions();
            configuration.GetSection(SalesforceClientOptions.SectionName).Bind(options);
            if (mode == "sandbox")
            {
                var sandbox = sp.GetRequiredService<Sandbox.SandboxSalesforce>();
                options.LoginUrl = new Uri(sandbox.LoginAddress.GetLeftPart(UriPartial.Authority));
                options.ClientId = sandbox.Options.ClientId;
                options.ClientSecret = sandbox.Options.ClientSecret;
                options.Username = null;
            }

            return new SalesforceClient(
                sp.RemoteHttpClient(RemoteHttpClients.Salesforce),
                options,
                sp.GetRequiredService<TimeProvider>());
        }));
        services.AddSingleton(sp => new SalesforceAccessDirectory(
            sp.GetRequiredService<Lazy<SalesforceClient>>(),
            sp.GetRequiredService<IOptions<PlaybackOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SalesforceCallCrm(sp.GetRequiredService<Lazy<SalesforceClient>>()));
        services.AddSingleton(sp => (IChangeMarks)sp.GetRequiredService<IMetadataStore>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ContactEnricher>(sp));
        services.AddSingleton<IOutboxJobHandler>(sp => ActivatorUtilities.CreateInstance<SalesforceEnrichmentHandler>(sp));
        return services;
    }
}
