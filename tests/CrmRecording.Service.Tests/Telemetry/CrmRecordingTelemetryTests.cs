using System.Net;
using System.Net.Http.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Ingest;
using CrmRecording.Service.Telemetry;
using CrmRecording.Service.Tests.Calls;
using CrmRecording.Testing;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>The service's own metrics, as real flows produce them, read by an in-process listener.</summary>
public sealed class CrmRecordingTelemetryTests
{
    private const string CaliforniaNumber = "+14155550101";

    [Fact]
    public async Task PlaceAsync_SandboxCallAnsweredYes_CountsTheDecisionTheConsentAnswerAndTheIngestLatency()
    {
        using var sandbox = new SandboxCall();
        using var measurements = new ServiceMeasurements(sandbox.Factory.Services);
        sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);

        var placed = await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var counted = await measurements.WaitForAsync("crmrecording.calls", ("decision", placed.Decision));
        var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started after the yes");
        var answered = await measurements.WaitForAsync("crmrecording.consent.answers", ("answer", "granted"));
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        var ingested = await measurements.WaitForAsync("crmrecording.ingest.duration", ("outcome", "ingested"));

        Assert.Equal("record-after-consent", placed.Decision);
        Assert.Equal(1, counted.Value);
        Assert.Equal(1, answered.Value);
        Assert.Single(measurements.All("crmrecording.calls"));
        Assert.InRange(ingested.Value, 0, 60);
    }

    [Fact]
    public async Task PlaceAsync_DataverseThrottling_CountsTheRemoteErrorAndTheThrottlingByStatus()
    {
        using var sandbox = new SandboxCall();
        using var measurements = new ServiceMeasurements(sandbox.Factory.Services);
        sandbox.Dataverse.Faults.Throttle(1, TimeSpan.Zero);

        var response = await sandbox.Client.PostAsJsonAsync("/api/calls", new { crm = "dynamics", entity = "contact", id = SeedData.Contacts.CaliforniaMobile });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await measurements.WaitForAsync("crmrecording.remote.errors", ("remote", "dataverse"), ("status", 429));
        var throttled = await measurements.WaitForAsync("crmrecording.remote.throttled", ("remote", "dataverse"), ("status", 429));
        Assert.Equal((1d, 1d), (error.Value, throttled.Value));
        Assert.Empty(measurements.All("crmrecording.calls"));
    }

    [Fact]
    public async Task PlaceAsync_DataverseDown_CountsA503AsErrorAndThrottling_AndNoCall()
    {
        using var sandbox = new SandboxCall();
        using var measurements = new ServiceMeasurements(sandbox.Factory.Services);
        sandbox.Dataverse.Faults.GoDown();

        var response = await sandbox.Client.PostAsJsonAsync("/api/calls", new { crm = "dynamics", entity = "contact", id = SeedData.Contacts.CaliforniaMobile });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await measurements.WaitForAsync("crmrecording.remote.errors", ("remote", "dataverse"), ("status", 503));
        await measurements.WaitForAsync("crmrecording.remote.throttled", ("remote", "dataverse"), ("status", 503));
        Assert.DoesNotContain(measurements.All("crmrecording.remote.errors"), m => Equals(m.Tags["status"], 429));
        Assert.Empty(measurements.All("crmrecording.calls"));
    }

    [Fact]
    public async Task OutboxDepth_JobsOfTwoKindsWaiting_GaugesCountEachKindAndTheOldestAge()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        using var factory = new ServiceFactory { Crm = new FakeCrm(), Time = time };
        using var measurements = new ServiceMeasurements(factory.Services);
        var outbox = factory.Services.GetRequiredService<IOutbox>();
        await outbox.EnqueueAsync(Job("a", RecordingIngestJob.Kind, time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(30));
        await outbox.EnqueueAsync(Job("b", RecordingIngestJob.Kind, time.GetUtcNow()));
        await outbox.EnqueueAsync(Job("c", "consent-log", time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(45));

        await ActivatorUtilities.CreateInstance<OutboxDepthSampler>(factory.Services).SampleAsync(CancellationToken.None);
        measurements.Observe();

        Assert.Equal(2, Single(measurements, "crmrecording.outbox.depth", RecordingIngestJob.Kind));
        Assert.Equal(1, Single(measurements, "crmrecording.outbox.depth", "consent-log"));
        Assert.Equal(75, Single(measurements, "crmrecording.outbox.oldest_age", RecordingIngestJob.Kind), 3);
        Assert.Equal(45, Single(measurements, "crmrecording.outbox.oldest_age", "consent-log"), 3);
    }

    private static double Single(ServiceMeasurements measurements, string instrument, string kind) =>
        Assert.Single(measurements.All(instrument), m => Equals(m.Tags["kind"], kind)).Value;

    private static OutboxJob Job(string id, string kind, DateTimeOffset now) => new(id, kind, "dedupe-" + id, "{}", now, 0, now.AddHours(1));
}
