using CrmRecording.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>Nothing is collected unless an exporter is asked for; the console exporter only when asked, in Development.</summary>
public sealed class TelemetryServicesTests
{
    [Fact]
    public void AddTelemetry_NoEndpointNorConsole_RegistersNoProviders()
    {
        using var factory = new ServiceFactory { Crm = new FakeCrm() };

        Assert.Null(factory.Services.GetService<MeterProvider>());
        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void AddTelemetry_ConsoleAskedInDevelopment_RegistersBothProviders()
    {
        using var factory = new ServiceFactory { Crm = new FakeCrm() };
        factory.Settings["Telemetry:Console"] = "true";

        Assert.NotNull(factory.Services.GetService<MeterProvider>());
        Assert.NotNull(factory.Services.GetService<TracerProvider>());
    }
}
