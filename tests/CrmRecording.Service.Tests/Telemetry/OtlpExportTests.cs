using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Tests.Calls;

namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>With an OTLP endpoint configured, traces and metrics reach a receiver as OTLP/HTTP protobuf.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpoint_Configured_TracesAndMetricsArePostedAsProtobufToTheReceiver()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var sandbox = new SandboxCall(f => f.Settings["Telemetry:OtlpEndpoint"] = receiver.BaseAddress.AbsoluteUri);
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
