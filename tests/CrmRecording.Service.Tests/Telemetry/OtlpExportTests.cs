using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Tests.Calls;

namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>With an OTLP endpoint configured, traces and metrics reach a receiver as OTLP/HTTP protobuf.</summary>
public sealed class OtlpExportTests
{
    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", null)]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL")]
    public async Task OtlpEndpoint_ConfiguredEitherWay_TracesAndMetricsArePostedAsProtobufToTheReceiver(string endpointSetting, string? protocolSetting)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var sandbox = new SandboxCall(f =>
        {
            f.Settings[endpointSetting] = receiver.BaseAddress.AbsoluteUri;
            if (protocolSetting is not null)
            {
                // The standard variables default to gRPC; the receiver speaks OTLP over HTTP.
                f.Settings[protocolSetting] = "http/protobuf";
            }
        });
        string decision;
        try
        {
            decision = (await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile)).Decision;
        }
        finally
        {
            // Stopping the service flushes what its providers hold.
            sandbox.Dispose();
        }

        var traces = await receiver.FirstAsync("traces");
        var metrics = await receiver.FirstAsync("metrics");

        Assert.Equal("record-after-consent", decision);
        Assert.Equal(("application/x-protobuf", "application/x-protobuf"), (traces.ContentType, metrics.ContentType));
        Assert.Contains(receiver.Exports, e => e.Signal == "traces" && e.Carries("POST /api/calls") && e.Carries("call place") && e.Carries("System.Net.Http"));
        Assert.Contains(receiver.Exports, e => e.Signal == "metrics" && e.Carries("crmrecording.calls") && e.Carries(decision) && e.Carries("http.server.request.duration") && e.Carries("http.client.request.duration"));
        Assert.All(receiver.Exports, e => Assert.True(e.Carries("crmrecording-service"), "every export names the service"));
    }
}
