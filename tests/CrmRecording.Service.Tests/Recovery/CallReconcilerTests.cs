using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Recovery;
using CrmRecording.Service.Tests.Calls;
using CrmRecording.Telephony;
using CrmRecording.Vault.Metadata;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmRecording.Service.Tests.Recovery;

/// <summary>Calls whose webhooks never arrived (the service was down) are brought to Twilio's truth: ended, stored, or lost with why.</summary>
public sealed class CallReconcilerTests : IDisposable
{
    private const string CaliforniaNumber = "+14155550101";
    private readonly DeafToTwilio _gate = new();
    private readonly SandboxCall _sandbox;

    public CallReconcilerTests()
    {
        _sandbox = new SandboxCall(
            f => f.Settings["Calls:ReconcileEverySeconds"] = "0",
            s => s.AddSingleton<IStartupFilter>(_gate));
    }

    public void Dispose() => _sandbox.Dispose();

    private CallReconciler Reconciler => _sandbox.Factory.Services.GetServices<IHostedService>().OfType<CallReconciler>().Single();

    [Fact]
    public async Task Reconcile_CallEndedWhileItsWebhooksWereLost_GetsItsEndAndItsRecordingStoredAndLinked()
    {
        var (placed, call) = await HangUpUnheardAsync();
        Assert.Null(call.EndedAt);

        await Reconciler.ReconcileOnceAsync(CancellationToken.None);

        call = await _sandbox.WaitAsync(placed.CallId, c => c.IsSettled, "ended, stored and linked");
        var twilioCall = _sandbox.Twilio.FindCall(call.TwilioCallSid!)!;
        // Twilio's dates are whole seconds (RFC 2822).
        Assert.Equal((CrmRecording.Service.Calls.State.CallStatus.Completed, twilioCall.EndTime!.Value.ToUnixTimeSeconds()), (call.Status, call.EndedAt!.Value.ToUnixTimeSeconds()));
        var entry = Assert.Single(call.Recordings);
        Assert.Equal("stored", entry.Status);
        Assert.Single(await _sandbox.Factory.Services.GetRequiredService<IMetadataStore>().ListRecordingsAsync(new RecordingQuery(ContactId: SeedData.Contacts.CaliforniaMobile.ToString())));
        Assert.EndsWith(entry.VaultId!, (string?)_sandbox.Dataverse.GetRow("phonecalls", placed.PhoneCallId!.Value)!["crr_recordingurl"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_RecordingTwilioNoLongerHasAndTheVaultNeverStored_IsLostWithWhy_AuditedCountedAndOnThePhoneCall()
    {
        var (placed, call) = await HangUpUnheardAsync();
        var recordingSid = Assert.Single(call.Recordings).RecordingSid;
        Assert.True(await _sandbox.Factory.Services.GetRequiredService<TwilioClient>().DeleteRecordingAsync(recordingSid));

        await Reconciler.ReconcileOnceAsync(CancellationToken.None);

        call = await _sandbox.WaitAsync(placed.CallId, c => c.IsSettled, "the recording lost, and the CRM told");
        var entry = Assert.Single(call.Recordings);
        Assert.Equal("lost", entry.Status);
        Assert.Contains($"Twilio no longer has recording {recordingSid}", entry.Problem, StringComparison.Ordinal);
        Assert.Contains("RECORDING LOST", (string?)_sandbox.Dataverse.GetRow("phonecalls", placed.PhoneCallId!.Value)!["crr_consentsummary"], StringComparison.Ordinal);
        var audit = await _sandbox.Factory.Services.GetRequiredService<IMetadataStore>().ReadAuditAsync();
        Assert.Single(audit, e => e.Entry.Action == "recording-lost" && (e.Entry.Detail ?? string.Empty).Contains(recordingSid, StringComparison.Ordinal));
        var health = JsonDocument.Parse(await _sandbox.Anonymous.GetStringAsync("/health/ready")).RootElement;
        Assert.Equal(("degraded", 1), (health.GetProperty("status").GetString(), health.GetProperty("lostRecordings").GetInt32()));

        await Reconciler.ReconcileOnceAsync(CancellationToken.None);
        Assert.Single(await _sandbox.Factory.Services.GetRequiredService<IMetadataStore>().ReadAuditAsync(), e => e.Entry.Action == "recording-lost");
    }

    [Fact]
    public async Task Reconcile_CallStillGoingAtTwilio_IsLeftAsItIs()
    {
        _sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");

        await Reconciler.ReconcileOnceAsync(CancellationToken.None);

        var after = (await _sandbox.Calls.GetAsync(call.Id))!;
        Assert.Null(after.EndedAt);
        Assert.Equal("in-progress", Assert.Single(after.Recordings).Status);
        await _sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
    }

    /// <summary>A consented call recording for a second, then hung up while the service hears none of Twilio's webhooks.</summary>
    private async Task<(Service.Calls.PlaceCallResponse Placed, Service.Calls.CallRecord Call)> HangUpUnheardAsync()
    {
        _sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress" && r.StartedAt is not null), "recording started");
        await Task.Delay(1100); // a second of audio
        _gate.Deaf = true;
        await _sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        await _sandbox.Twilio.WaitForEndAsync(call.TwilioCallSid!, TimeSpan.FromSeconds(30));
        await WaitForRecordingCompletedAsync(Assert.Single(call.Recordings).RecordingSid);
        _gate.Deaf = false;
        return (placed, (await _sandbox.Calls.GetAsync(call.Id))!);
    }

    private async Task WaitForRecordingCompletedAsync(string recordingSid)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (_sandbox.Twilio.FindRecording(recordingSid)?.Status != Emulators.Twilio.Recordings.RecordingStatus.Completed)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the recording never completed at Twilio");
            await Task.Delay(50);
        }
    }
}
