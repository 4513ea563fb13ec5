using System.Net;
using System.Net.Http.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Emulators.Twilio.Journal;
using CrmRecording.Service.Ingest;
using CrmRecording.Service.Recovery;
using CrmRecording.Telephony;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Crashes, outages and replays around a recorded call: nothing lost, nothing done twice.</summary>
public sealed class CallFlowResilienceTests
{
    private const string CaliforniaNumber = "+14155550101";

    [Fact]
    public async Task IngestCrashingAfterEachStep_ResumesWhereItStopped_WithOneRecordingAndOneDeleteAtTwilio()
    {
        var checkpoint = new CrashingCheckpoint("id-chosen", "stored", "verified", "deleted-at-twilio");
        using var sandbox = new SandboxCall(overrides: s => s.AddSingleton<FlowCheckpoint>(checkpoint));

        var (placed, call) = await RecordedCallAsync(sandbox);

        Assert.Equal(["id-chosen", "stored", "verified", "deleted-at-twilio"], checkpoint.Crashed);
        var entry = Assert.Single(call.Recordings);
        var stored = await sandbox.Factory.Services.GetRequiredService<IMetadataStore>().ListRecordingsAsync(new RecordingQuery(ContactId: SeedData.Contacts.CaliforniaMobile.ToString()));
        Assert.Equal(entry.VaultId, Assert.Single(stored).Id.Value);
        Assert.Single(sandbox.Twilio.Requests.All, r => r.Method == "DELETE" && r.Path.Contains(entry.RecordingSid, StringComparison.Ordinal));
        Assert.Single(sandbox.Twilio.Requests.All, r => r.Method == "GET" && r.Path.EndsWith($"{entry.RecordingSid}.wav", StringComparison.Ordinal));
        Assert.EndsWith(entry.VaultId!, (string?)sandbox.Dataverse.GetRow("phonecalls", placed.PhoneCallId!.Value)!["crr_recordingurl"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrmDownDuringWriteBack_IsRetriedFromTheOutbox_ThenTheLinkLands()
    {
        using var sandbox = new SandboxCall();
        sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
        var placed = await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");

        sandbox.Dataverse.Faults.GoDown();
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.DeletedAtTwilio), "stored and deleted at Twilio while the CRM is down");
        await Task.Delay(500); // several failed write-back attempts
        Assert.False(Assert.Single((await sandbox.Calls.GetAsync(placed.CallId))!.Recordings).WrittenToCrm);
        Assert.Null(sandbox.Dataverse.GetRow("phonecalls", placed.PhoneCallId!.Value)!["crr_recordingurl"]);

        sandbox.Dataverse.Faults.ComeBackUp();
        call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "written to the CRM once it is back");

        Assert.EndsWith(call.Recordings[0].VaultId!, (string?)sandbox.Dataverse.GetRow("phonecalls", placed.PhoneCallId.Value)!["crr_recordingurl"], StringComparison.Ordinal);
        await sandbox.WaitForRowAsync("crr_consentlogs", r => (string?)r["crr_callid"] == call.Id && (string?)r["crr_event"] == "consent-granted:consent-question", "the consent log, also retried");
    }

    [Fact]
    public async Task TwilioDownWhenTheMediaIsFetched_IngestIsRetried_ThenStoredOnce()
    {
        using var sandbox = new SandboxCall();
        sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
        var placed = await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");
        await Task.Delay(1100);

        sandbox.Twilio.Faults.GoDown(); // its REST API; the hang-up's callbacks still reach the service
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        await Task.Delay(1500);
        var waiting = Assert.Single((await sandbox.Calls.GetAsync(placed.CallId))!.Recordings);
        Assert.False(waiting.DeletedAtTwilio);
        Assert.Empty(await sandbox.Factory.Services.GetRequiredService<IMetadataStore>().ListRecordingsAsync(new RecordingQuery(ContactId: SeedData.Contacts.CaliforniaMobile.ToString())));

        sandbox.Twilio.Faults.ComeBackUp();
        call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "ingested once Twilio is back", 60);

        Assert.Single(await sandbox.Factory.Services.GetRequiredService<IMetadataStore>().ListRecordingsAsync(new RecordingQuery(ContactId: SeedData.Contacts.CaliforniaMobile.ToString())));
        Assert.True(sandbox.Twilio.FindRecording(call.Recordings[0].RecordingSid)!.Deleted);
    }

    [Fact]
    public async Task RecordingCallbackLost_TheRecordingIsStillIngestedOnceTheCallHasEnded()
    {
        using var sandbox = new SandboxCall(
            f => f.Settings["Calls:ReconcileAfterSeconds"] = "0",
            s => s.AddSingleton<IOutbox>(sp => new LostCallbackOutbox((IOutbox)sp.GetRequiredService<IMetadataStore>())));

        var (_, call) = await RecordedCallAsync(sandbox);

        var completed = Assert.Single(sandbox.Twilio.Webhooks.OfKind(WebhookKind.RecordingStatus), w => w.Parameter("RecordingStatus") == "completed");
        Assert.False(completed.Succeeded);
        var entry = Assert.Single(call.Recordings);
        Assert.True(entry.Seconds >= 1);
        Assert.True(sandbox.Twilio.FindRecording(entry.RecordingSid)!.Deleted);
    }

    [Fact]
    public async Task RecordingCallbackReplayedByTwilio_IsANoOp_AndAForgedCopyIs403()
    {
        using var sandbox = new SandboxCall();
        var (_, call) = await RecordedCallAsync(sandbox);
        var completed = Assert.Single(sandbox.Twilio.Webhooks.OfKind(WebhookKind.RecordingStatus), w => w.Parameter("RecordingStatus") == "completed");

        var replay = await PostAsync(sandbox, completed.Url, completed.Parameters, completed.Signature);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("duplicate", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var forged = completed.Parameters.Select(p => p.Key == "RecordingDuration" ? new KeyValuePair<string, string>(p.Key, "9999") : p).ToList();
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(sandbox, completed.Url, forged, completed.Signature)).StatusCode);

        await Task.Delay(300);
        Assert.Single(sandbox.Twilio.Requests.All, r => r.Method == "DELETE");
        Assert.Single((await sandbox.Calls.GetAsync(call.Id))!.Recordings);
    }

    [Fact]
    public async Task SilentCallee_RepStartsRecordingWithAttestation_ItIsMarkedManualAndListedForAudit()
    {
        using var sandbox = new SandboxCall();
        sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.StaysSilent);
        var placed = await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await sandbox.WaitAsync(placed.CallId, c => c.ConsentEvents.Any(e => e.Kind == "consent-timeout") && c.Status == CrmRecording.Service.Calls.State.CallStatus.InProgress, "no answer to the question");

        var tooShort = await sandbox.Client.PostAsJsonAsync($"/api/calls/{call.Id}/recording/start", new { attestation = "ok" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        var notTheRep = await sandbox.As(SeedData.Users.SalesManager).PostAsJsonAsync($"/api/calls/{call.Id}/recording/start", new { attestation = "I read the disclosure and they agreed" });
        Assert.Equal(HttpStatusCode.Forbidden, notTheRep.StatusCode);
        var start = await sandbox.Client.PostAsJsonAsync($"/api/calls/{call.Id}/recording/start", new { attestation = "I read the disclosure aloud and the customer said yes" });
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sandbox.Client.PostAsJsonAsync($"/api/calls/{call.Id}/recording/start", new { attestation = "I read the disclosure aloud again" })).StatusCode);

        await Task.Delay(1100);
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "the manual recording ingested");

        Assert.True(Assert.Single(call.Recordings).Manual);
        Assert.Equal("I read the disclosure aloud and the customer said yes", call.ManualStart!.Attestation);
        Assert.Contains(call.ConsentEvents, e => e.Kind == "manual-start" && e.Method == "rep-attestation");
        Assert.Equal(HttpStatusCode.Forbidden, (await sandbox.As(SeedData.Users.SalesDirector).GetAsync("/api/calls/manual-starts")).StatusCode);
        var listed = await sandbox.As(SeedData.Users.ComplianceReviewer).GetStringAsync("/api/calls/manual-starts");
        Assert.Contains(call.Id, listed, StringComparison.Ordinal);
        Assert.Contains("Recording started by the rep", (string?)sandbox.Dataverse.GetRow("phonecalls", placed.PhoneCallId!.Value)!["crr_consentsummary"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CrmRecording.Core.Decisions.RecordingOutcome.RecordAfterConsent, "not been asked")]
    [InlineData(CrmRecording.Core.Decisions.RecordingOutcome.RecordAfterNotice, "not heard the recording notice")]
    public async Task ManualStart_BeforeTheCustomerHeardTheDisclosure_Is409(CrmRecording.Core.Decisions.RecordingOutcome decision, string reason)
    {
        using var sandbox = new SandboxCall();
        var call = CallRecords.New(decision); // in progress, the customer's leg not yet answered
        await sandbox.Calls.AddAsync(call);

        var start = await sandbox.Client.PostAsJsonAsync($"/api/calls/{call.Id}/recording/start", new { attestation = "I read the disclosure aloud and the customer said yes" });

        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Contains(reason, await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await sandbox.Calls.GetAsync(call.Id);
        Assert.Null(stored!.ManualStart);
        Assert.Empty(stored.Recordings);
        Assert.DoesNotContain(sandbox.Twilio.Requests.All, r => r.Path.Contains("/Recordings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordingTheCallMayNoLongerKeep_IsDeletedAtTwilioNotStored_AndTheDiscardIsAudited()
    {
        using var sandbox = new SandboxCall();
        sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
        var placed = await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");

        // As after a no that raced a start: the call no longer allows recording while audio was captured.
        await sandbox.Calls.UpdateAsync(call.Id, c => c with { RecordingAllowed = false });
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "discarded"), "the recording discarded");

        var entry = Assert.Single(call.Recordings);
        Assert.Null(entry.VaultId);
        Assert.True(sandbox.Twilio.FindRecording(entry.RecordingSid)!.Deleted);
        var metadata = sandbox.Factory.Services.GetRequiredService<IMetadataStore>();
        Assert.Empty(await metadata.ListRecordingsAsync(new RecordingQuery(ContactId: SeedData.Contacts.CaliforniaMobile.ToString())));
        Assert.Contains(await metadata.ReadAuditAsync(), e => e.Entry.Action == "recording-discarded" && (e.Entry.Detail ?? "").Contains(entry.RecordingSid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PauseRefusedByTwilio_Is502SayingRecordingIsNotPaused_AndNoSpanIsStored()
    {
        using var sandbox = new SandboxCall();
        sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
        var placed = await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");

        sandbox.Twilio.Faults.InternalError(20);
        var pause = await sandbox.Client.PostAsJsonAsync($"/api/calls/{call.Id}/recording/pause", new { });
        sandbox.Twilio.Faults.Clear();

        Assert.Equal(HttpStatusCode.BadGateway, pause.StatusCode);
        Assert.Contains("NOT paused", await pause.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await sandbox.Calls.GetAsync(call.Id))!.PausedSpans);
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
    }

    [Fact]
    public async Task TwilioRefusingTheCall_Is502WithTwilioCode_AndTheCallIsMarkedFailed()
    {
        using var sandbox = new SandboxCall();
        sandbox.Twilio.Faults.InternalError(1);

        var response = await sandbox.Client.PostAsJsonAsync("/api/calls", new { crm = "dynamics", entity = "contact", id = SeedData.Contacts.CaliforniaMobile });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("20500", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(sandbox.Twilio.Requests.All, r => r.Method == "POST" && r.Path.EndsWith("/Calls.json", StringComparison.Ordinal));
    }

    private static async Task<(Service.Calls.PlaceCallResponse Placed, Service.Calls.CallRecord Call)> RecordedCallAsync(SandboxCall sandbox)
    {
        sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
        var placed = await sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");
        await Task.Delay(1100);
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        return (placed, await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "recording ingested and linked"));
    }

    private static async Task<HttpResponseMessage> PostAsync(SandboxCall sandbox, string url, IEnumerable<KeyValuePair<string, string>> form, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.HeaderName, signature);
        using var client = new HttpClient();
        return await client.SendAsync(request);
    }
}
