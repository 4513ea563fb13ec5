using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Tests.Calls;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Recovery;

/// <summary>An ingest whose attempts are spent is dead-lettered visibly — on the call and in readiness — and comes back by hand.</summary>
public sealed class IngestGivenUpTests
{
    [Fact]
    public async Task Ingest_TwilioDownForAllItsAttempts_TheCallSaysWhyAndHowToRetry_RetryStoresIt()
    {
        using var sandbox = new SandboxCall(f =>
        {
            f.Settings["Outbox:MaxAttempts:twilio-recording"] = "2";
            f.Settings["Twilio:MaxRetries"] = "0";
            f.Settings["Calls:ReconcileEverySeconds"] = "0";
        });
        sandbox.Twilio.Options.Callees["+14155550101"] = new CalleeScript(CalleeBehavior.PressesOne);
        var placed = await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");
        await Task.Delay(1100); // a second of audio

        sandbox.Twilio.Faults.GoDown();
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Problem is not null), "the ingest given up", 60);

        var entry = Assert.Single(call.Recordings);
        var outbox = sandbox.Factory.Services.GetRequiredService<IOutbox>();
        var dead = Assert.Single(await outbox.ListDeadAsync(10));
        Assert.Contains("Gave up after 2 attempts", entry.Problem, StringComparison.Ordinal);
        Assert.Contains($"crmrec outbox retry {dead.Id}", entry.Problem, StringComparison.Ordinal);
        var health = JsonDocument.Parse(await sandbox.Anonymous.GetStringAsync("/health/ready")).RootElement;
        Assert.Equal(("degraded", 1), (health.GetProperty("status").GetString(), health.GetProperty("deadJobs").GetInt32()));

        sandbox.Twilio.Faults.ComeBackUp();
        Assert.True(await outbox.RetryAsync(dead.Id, TimeProvider.System.GetUtcNow()));
        call = await sandbox.WaitAsync(placed.CallId, c => c.IsSettled, "stored and linked after the retry", 60);

        entry = Assert.Single(call.Recordings);
        Assert.Equal(("stored", null), (entry.Status, entry.Problem));
        Assert.Equal(0, await outbox.DeadCountAsync());
    }
}
