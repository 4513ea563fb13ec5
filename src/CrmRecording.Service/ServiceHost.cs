using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Policy;
using CrmRecording.Dataverse;
using CrmRecording.Dataverse.Authentication;
using CrmRecording.Plugins;
using CrmRecording.Plugins.Ports;
using CrmRecording.Plugins.Steps;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Crm;
using CrmRecording.Service.Health;
using CrmRecording.Service.Logging;
using CrmRecording.Service.Options;
using CrmRecording.Service.Outbox;
using CrmRecording.Service.Pages;
using CrmRecording.Service.Playback;
using CrmRecording.Service.Recordings;
using CrmRecording.Service.Remotes;
using CrmRecording.Service.Reports;
using CrmRecording.Service.SignIn;
using CrmRecording.Service.Telemetry;
using CrmRecording.Service.Webhooks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service;

/// <summary>Builds the web application: options validated on start, health, OpenAPI, ProblemDetails, endpoints.</summary>
internal static class ServiceHost
{
    public static WebApplication Build(string[] args)
    {
        // Settings ship next to the binary; ./data stays relative to where the service is started.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddOptions<ServiceOptions>().Bind(builder.Configuration.GetSection(ServiceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DataverseOptions>().Bind(builder.Configuration.GetSection(DataverseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProblemDetails();
        builder.Services.AddQueryKeyRedaction();
        // A body that can't be read (malformed JSON, too large) is the caller's fault: its own status, not a 500.
        builder.Services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddOpenApi(o => OpenApi.ApiSecurityDocument.AddApiSecurity(o));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<VaultOptions>().Bind(builder.Configuration.GetSection(VaultOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddVault();
        builder.Services.AddHostedService<MigrationService>();
        builder.Services.AddTelemetry(builder.Configuration, builder.Environment);
        builder.Services.AddRemoteHttpClients();
        builder.Services.AddSingleton<StoreHealth>();
        if ((builder.Configuration["Dataverse:Mode"] ?? "sandbox") == "sandbox")
        {
            Sandbox.SandboxExposure.Check(builder.Configuration, builder.Environment);
        }

        AddDataverse(builder.Services, builder.Configuration);
        AddSteps(builder.Services);
        builder.Services.AddCalls(builder.Configuration);
        builder.Services.AddPlayback(builder.Configuration);
        builder.Services.AddSalesforce(builder.Configuration);
        builder.Services.AddPages(builder.Configuration);
        builder.Services.AddPageSignIn(builder.Configuration);
        builder.Services.AddReports(builder.Configuration);
        // One worker instance: the hosted service is the same object the rest of the app resolves.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());

        var service = builder.Configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
        if (service.TrustForwardedHeaders)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                foreach (var proxy in service.KnownProxies)
                {
                    o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
                }
            });
        }

        var app = builder.Build();
        if (app.Services.GetRequiredService<Recovery.FlowCheckpoint>() is Recovery.HaltingCheckpoint halting)
        {
            app.Use(async (context, next) =>
            {
                await halting.FreezeIfHaltedAsync().ConfigureAwait(false);
                await next(context).ConfigureAwait(false);
            });
        }

        if (service.TrustForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseReportCompression();
        app.UsePageFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapHealth();
        app.MapDataverseWebhook();
        app.MapSalesforceWebhook();
        app.MapCalls();
        app.MapTwilioWebhooks();
        app.MapPlayback();
        app.MapReports();
        app.MapPages();
        app.MapPageSignIn();
        return app;
    }

    private static void AddSteps(IServiceCollection services)
    {
        // One engine for the steps and the call flow, under the organisation's policy (Calls:PolicyFile, validated on start).
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CallFlowOptions>>().Value.PolicyFile is { Length: > 0 } file
            ? ConsentEngine.Create(PolicyParser.Parse(File.ReadAllText(file), JurisdictionCatalog.Default).Policy)
            : ConsentEngine.Create());
        services.AddSingleton(ContactReader.Default);
        services.AddSingleton<ILineTypeLookup, NoLineTypeLookup>();
        services.AddSingleton<ICrmRecords>(sp => new DataverseCrmRecords(new Lazy<DataverseClient>(sp.GetRequiredService<DataverseClient>)));
        services.AddSingleton<IPluginStep, ContactEnrichmentStep>();
        services.AddSingleton<IPluginStep, RecordingGateStep>();
        services.AddSingleton<IPluginStep, ConsentLogWriteBackStep>();
        services.AddSingleton<StepDispatcher>();
        services.AddSingleton<IOutboxJobHandler, DataverseStepJobHandler>();
        services.AddSingleton<IOutboxJobHandler>(sp => new DataverseEnrichmentHandler(sp.GetRequiredService<ICrmRecords>(), sp.GetService<ContactEnricher>() ?? ActivatorUtilities.CreateInstance<ContactEnricher>(sp), (IChangeMarks)sp.GetRequiredService<IMetadataStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var worker = ActivatorUtilities.CreateInstance<OutboxWorker>(sp);
            worker.RetryBase = TimeSpan.FromMilliseconds(Math.Clamp(sp.GetRequiredService<IConfiguration>().GetValue("Outbox:RetryBaseMilliseconds", 1000), 1, 600_000));
            worker.Telemetry = sp.GetRequiredService<Telemetry.CrmRecordingTelemetry>();
            worker.KeepDone = TimeSpan.FromDays(Math.Clamp(sp.GetRequiredService<IConfiguration>().GetValue("Outbox:KeepDoneDays", 7.0), 0, 3650));
            return worker;
        });
    }

    private static void AddDataverse(IServiceCollection services, ConfigurationManager configuration)
    {
        var sandbox = (configuration["Dataverse:Mode"] ?? "sandbox") == "sandbox";
        if (sandbox)
        {
            services.AddSingleton<Sandbox.SandboxDataverse>();
            services.AddHostedService(sp => sp.GetRequiredService<Sandbox.SandboxDataverse>());
        }

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DataverseOptions>>().Value;
            return options.WebhookKey is { Length: > 0 } key ? new WebhookSecret(key) : WebhookSecret.Generate();
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DataverseOptions>>().Value;
            var standIn = sandbox ? sp.GetRequiredService<Sandbox.SandboxDataverse>() : null;
            return new DataverseClientOptions
            {
                EnvironmentUrl = standIn?.BaseAddress ?? options.EnvironmentUrl,
                TenantId = options.TenantId,
                ClientId = options.ClientId,
                ClientSecret = options.ClientSecret,
                StaticAccessToken = standIn?.AccessToken,
                MaxRetries = options.MaxRetries,
            };
        });
        services.AddSingleton<IDataverseTokenSource>(sp =>
        {
            var options = sp.GetRequiredService<DataverseClientOptions>();
            return options.StaticAccessToken is { } token ? new StaticDataverseTokenSource(token) : new MsalDataverseTokenSource(options);
        });
        // One client for the process; pooled connections are recycled so DNS changes are seen.
        services.AddSingleton(sp => new DataverseClient(
            sp.RemoteHttpClient(RemoteHttpClients.Dataverse),
            sp.GetRequiredService<IDataverseTokenSource>(),
            sp.GetRequiredService<DataverseClientOptions>(),
            sp.GetRequiredService<TimeProvider>()));
    }

}
