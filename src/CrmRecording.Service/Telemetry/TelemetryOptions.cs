using System.ComponentModel.DataAnnotations;

namespace CrmRecording.Service.Telemetry;

/// <summary>Where traces and metrics go. Section <c>Telemetry</c>; the standard <c>OTEL_*</c> variables work too.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The OTLP receiver's base address (a collector's <c>http://host:4318</c>); <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> when unset. Neither: no export.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>http/protobuf</c> (default, signals POSTed to <c>/v1/traces</c> and <c>/v1/metrics</c>) or <c>grpc</c>.</summary>
    [RegularExpression("^(http/protobuf|grpc)$", ErrorMessage = "Telemetry:OtlpProtocol must be http/protobuf or grpc.")]
    public string OtlpProtocol { get; set; } = "http/protobuf";

    /// <summary>Also write traces and metrics to the console; honoured in Development only.</summary>
    public bool Console { get; set; }

    /// <summary>How often the outbox's depth per kind is read for its gauges.</summary>
    [Range(1, 3600)]
    public int OutboxSampleSeconds { get; set; } = 15;
}
