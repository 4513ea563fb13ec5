using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CrmRecording.Service.Telemetry;

/// <summary>
/// Traces and metrics: ASP.NET Core, every HttpClient, and <see cref="CrmRecordingTelemetry"/>'s own, exported over OTLP
/// when <c>Telemetry:OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and to the console in Development
/// when <c>Telemetry:Console</c> is true. With neither, the instruments still exist (an in-process listener sees them)
/// but nothing is collected or exported.
/// </summary>
internal static class TelemetryServices
{
    public const string ServiceName = "crmrecording-service";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxDepthSnapshot>();
        services.AddSingleton<CrmRecordingTelemetry>();
        services.AddHostedService<OutboxDepthSampler>();

        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.OtlpEndpoint is not null || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = options.Console && environment.IsDevelopment();
        if (!otlp && !console)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(CrmRecordingTelemetry.Name, CrmRecording.Vault.Telemetry.VaultActivities.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.path", TelemetryRedaction.Path(request.Path)))
                    .AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter(o => Configure(o, options, "v1/traces"));
                }

                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CrmRecordingTelemetry.Name, CrmRecordingTelemetry.SalesforceMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter(o => Configure(o, options, "v1/metrics"));
                }

                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });
        return services;
    }

    /// <summary>An endpoint from our setting wins over the OTEL_* variables; a set endpoint is used as given, so the signal's path is added here.</summary>
    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions options, string signalPath)
    {
        if (options.OtlpEndpoint is not { } endpoint)
        {
            return;
        }

        var grpc = options.OtlpProtocol == "grpc";
        exporter.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var root = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        exporter.Endpoint = grpc ? endpoint : new Uri(root, signalPath);
    }
}
