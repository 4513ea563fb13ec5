using System.ComponentModel.DataAnnotations;
using CrmRecording.Dataverse;
using CrmRecording.Plugins.Ports;
using CrmRecording.Service.Crm;
using CrmRecording.Service.Ingest;
using CrmRecording.Service.Outbox;
using CrmRecording.Service.Remotes;
using CrmRecording.Telephony;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Calls;

/// <summary>The call flow's services: Twilio (real or the sandbox stand-in), disclosures, planner, flow, ingest.</summary>
internal static class CallServices
{
    public static IServiceCollection AddCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallFlowOptions>().Bind(configuration.GetSection(CallFlowOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxWorkerOptions>().Bind(configuration.GetSection(OutboxWorkerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // Twilio follows the CRM's mode unless set: a real CRM must never meet the local telephony stand-in by default.
        var dataverseMode = configuration["Dataverse:Mode"] ?? "sandbox";
        var twilioMode = configuration["Twilio:Mode"] ?? dataverseMode;
        if (twilioMode is not ("sandbox" or "remote"))
        {
            throw new OptionsValidationException("Twilio", typeof(TwilioClientOptions), [$"Twilio:Mode '{twilioMode}' is not sandbox or remote."]);
        }

        if (twilioMode == "sandbox" && dataverseMode == "remote")
        {
            throw new OptionsValidationException("Twilio", typeof(TwilioClientOptions), ["Twilio:Mode is sandbox while Dataverse:Mode is remote: calls for real CRM records would go to the local stand-in. Set Twilio:Mode=remote with the account's settings."]);
        }

        var sandbox = twilioMode == "sandbox";
        services.AddOptions<TwilioClientOptions>().Bind(configuration.GetSection(TwilioClientOptions.SectionName));
        if (sandbox)
        {
            services.AddSingleton<Sandbox.SandboxTwilio>();
            services.AddHostedService(sp => sp.GetRequiredService<Sandbox.SandboxTwilio>());
            // The stand-in's account, addresses and this service's own URL are filled in when it starts.
            services.AddSingleton<IPostConfigureOptions<TwilioClientOptions>>(sp => sp.GetRequiredService<Sandbox.SandboxTwilio>());
        }
        else
        {
            services.AddSingleton<IValidateOptions<TwilioClientOptions>, TwilioOptionsValidation>();
            services.AddOptions<TwilioClientOptions>().ValidateOnStart();
        }

        // Created on first use, not when the background workers are built: in the sandbox the stand-in's
        // address is known only once it has started.
        services.AddSingleton(sp => new Lazy<TwilioClient>(() => new TwilioClient(
            sp.RemoteHttpClient(RemoteHttpClients.Twilio),
            sp.GetRequiredService<IOptions<TwilioClientOptions>>().Value,
            sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton(sp => sp.GetRequiredService<Lazy<TwilioClient>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CallFlowOptions>>().Value.DisclosuresFile is { Length: > 0 } file
            ? LoadDisclosures(file)
            : DisclosureCatalog.Default);
        // One call port per configured CRM, chosen by each call's crm.
        services.AddSingleton(sp =>
        {
            var ports = new Dictionary<string, ICallCrm>(StringComparer.Ordinal)
            {
                [CrmRecordRef.Dynamics] = new DataverseCallCrm(new Lazy<DataverseClient>(sp.GetRequiredService<DataverseClient>), sp.GetRequiredService<ICrmRecords>(), sp.GetService<Playback.CrmAccessDirectory>()),
            };
            if (sp.GetService<SalesforceCallCrm>() is { } salesforce)
            {
                ports[CrmRecordRef.Salesforce] = salesforce;
            }

            return new CallCrms(ports);
        });
        services.AddSingleton<ICallCrm>(sp => sp.GetRequiredService<CallCrms>());
        if (configuration.GetValue("Twilio:LookupLineType", true))
        {
            // Each lookup is billed by Twilio; the client caches answers per number (Twilio:LookupCacheDuration).
            services.AddSingleton<ILineTypeLookup, TwilioLineTypeLookup>();
        }

        // Every write of the call store tells the live views (the dialer's event stream) of the change.
        services.AddSingleton<Live.CallChangeFeed>();
        if (services.LastOrDefault(d => d.ServiceType == typeof(ICallStore)) is { ImplementationFactory: { } storeFactory } store)
        {
            services.Remove(store);
            services.AddSingleton<ICallStore>(sp => new Live.ObservedCallStore((ICallStore)storeFactory(sp), sp.GetRequiredService<Live.CallChangeFeed>()));
        }

        services.AddSingleton<CallPlanner>();
        services.AddSingleton<CallCaller>();
        services.AddSingleton<CallEvents>();
        services.AddSingleton<CallFlow>();
        // A test seam: unless Testing:HaltAt names a step (never in Production), every checkpoint does nothing.
        services.AddSingleton(sp => configuration["Testing:HaltAt"] is { Length: > 0 } step && !sp.GetRequiredService<IHostEnvironment>().IsProduction()
            ? new Recovery.HaltingCheckpoint(step, configuration["Testing:HaltSignal"] ?? throw new InvalidOperationException("Testing:HaltAt needs Testing:HaltSignal, the file the step is announced in."))
            : new Recovery.FlowCheckpoint());
        services.AddSingleton<IOutboxJobHandler, RecordingIngestHandler>();
        services.AddSingleton<IOutboxJobHandler, ConsentLogJobHandler>();
        services.AddSingleton<IOutboxJobHandler, Recovery.CallSummaryJobHandler>();
        services.AddSingleton<IOutboxJobHandler, CallCloseJobHandler>();
        services.AddHostedService<Recovery.CallReconciler>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<Recovery.AbandonedUploadSweeper>(
            sp, TimeSpan.FromMinutes(sp.GetRequiredService<IOptions<Options.VaultOptions>>().Value.OrphanSweepMinutes)));
        return services;
    }

    private static DisclosureCatalog LoadDisclosures(string file)
    {
        using var stream = File.OpenRead(file);
        return DisclosureCatalog.Load(stream);
    }

    /// <summary>Remote mode: the account, credentials and public URL must be right before the first call.</summary>
    private sealed class TwilioOptionsValidation : IValidateOptions<TwilioClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, TwilioClientOptions options)
        {
            var problems = options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage ?? "invalid").ToList();
            if (options.PublicBaseUrl is null)
            {
                problems.Add("Twilio:PublicBaseUrl is required: the https URL Twilio reaches this service at (callbacks are built from it and its webhooks are signed for it).");
            }

            if (string.IsNullOrWhiteSpace(options.CallerId))
            {
                problems.Add("Twilio:CallerId is required: the E.164 number on the account that calls are placed from.");
            }

            if (string.IsNullOrWhiteSpace(options.AuthToken))
            {
                problems.Add("Twilio:AuthToken is required: Twilio signs its webhooks with it.");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
