using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>
/// The recorded call end to end on the sandbox: the dialer's request, Twilio's call flow played by the
/// stand-in's scripted callee, ingest into the vault, and the write-back into the CRM stand-in.
/// </summary>
public sealed class CallFlowEndToEndTests : IDisposable
{
    private const string CaliforniaNumber = "+14155550101";
    private readonly SandboxCall _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task TexasRepCallsCaliforniaContact_CalleePressesOne_RecordingIsConsentedStoredDeletedAtTwilioAndLinked()
    {
        _sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);

        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);

        Assert.Equal("record-after-consent", placed.Decision);
        Assert.Contains("US-CA", placed.Jurisdictions);
        Assert.Contains("US-TX", placed.Jurisdictions);
        Assert.Contains(placed.Reasons, r => r.Contains("632", StringComparison.Ordinal));
        Assert.NotNull(placed.PhoneCallId);

        var recording = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started after the yes");
        await Task.Delay(1200); // some audio
        await _sandbox.Twilio.HangUpAsync(recording.CustomerCallSid!);
        var call = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "recording ingested and linked");

        // Consent evidence: the question was played and answered by keypad.
        Assert.Contains(call.ConsentEvents, e => e.Kind == "disclosure-played" && e.DisclosureKind == "consent-question");
        var granted = Assert.Single(call.ConsentEvents, e => e.Kind == "consent-granted");
        Assert.Equal(("granted", "keypad", "1"), (granted.Answer, granted.Method, granted.Heard));
        var customerLeg = _sandbox.Twilio.FindCall(call.CustomerCallSid!)!;
        Assert.Contains(customerLeg.SaidTexts, t => t.Contains("press 1", StringComparison.OrdinalIgnoreCase));
        var repLeg = _sandbox.Twilio.FindCall(call.TwilioCallSid!)!;
        Assert.StartsWith("client:rep_", repLeg.To, StringComparison.Ordinal);
        Assert.NotEmpty(repLeg.SaidTexts);

        // The audio: in the vault byte for byte as Twilio served it, and gone from Twilio.
        var entry = Assert.Single(call.Recordings);
        var twilioCopy = _sandbox.Twilio.FindRecording(entry.RecordingSid)!;
        Assert.True(twilioCopy.Deleted);
        Assert.True(twilioCopy.Duration > TimeSpan.FromSeconds(1));
        var vault = _sandbox.Factory.Services.GetRequiredService<RecordingVault>();
        using var stored = new MemoryStream();
        await vault.ExportAsync(RecordingId.Parse(entry.VaultId!), null, null, stored, "test");
        Assert.Equal(_sandbox.Twilio.RenderExpectedWav(entry.RecordingSid), stored.ToArray());
        var record = await vault.GetAsync(RecordingId.Parse(entry.VaultId!));
        Assert.Equal(call.Id, record.CallId);
        Assert.Equal(entry.RecordingSid, record.ConsentLogRef);

        // The CRM: link, duration and decision on the phone call; consent log rows; the contact marked granted.
        var phoneCall = _sandbox.Dataverse.GetRow("phonecalls", placed.PhoneCallId!.Value)!;
        // The link opens the player page (which signs the user in), not the JSON API.
        Assert.Equal($"{call.CallbackBase.AbsoluteUri.TrimEnd('/')}/recordings/{entry.VaultId}", (string?)phoneCall["crr_recordingurl"]);
        Assert.Equal("record-after-consent", (string?)phoneCall["crr_decision"]);
        Assert.Contains("consent-granted", (string?)phoneCall["crr_consentsummary"], StringComparison.Ordinal);
        await _sandbox.WaitForRowAsync("crr_consentlogs", r => (string?)r["crr_callid"] == call.Id && (string?)r["crr_event"] == "consent-granted:consent-question", "the granted consent log");
        await _sandbox.WaitForRowAsync("annotations", r => (string?)r["_objectid_value"] == placed.PhoneCallId.Value.ToString() && ((string?)r["notetext"] ?? "").Contains("granted", StringComparison.Ordinal), "the consent note on the phone call");
        await _sandbox.WaitForRowAsync("contacts", r => (string?)r["contactid"] == SeedData.Contacts.CaliforniaMobile.ToString() && (int?)r["crr_consentstatus"] == 107340001, "the contact marked granted");
        // Once the recording is linked, the phone call is closed as made (its last write), the link kept.
        var closed = await _sandbox.WaitForRowAsync("phonecalls", r => (string?)r["activityid"] == placed.PhoneCallId.Value.ToString() && (int?)r["statecode"] == 1, "the phone call closed");
        Assert.Equal((2, (string?)phoneCall["crr_recordingurl"]), ((int?)closed["statuscode"], (string?)closed["crr_recordingurl"]));

        // Playback: a reviewer plays a range; the director (no recording role, not the rep's own manager) is refused; both audited.
        var expected = _sandbox.Twilio.RenderExpectedWav(entry.RecordingSid);
        using (var play = new HttpRequestMessage(HttpMethod.Get, $"/api/recordings/{entry.VaultId}/audio"))
        {
            play.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _sandbox.TokenAsync(SeedData.Users.ComplianceReviewer));
            play.Headers.Range = new RangeHeaderValue(1000, 20_999);
            var response = await _sandbox.Client.SendAsync(play);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal($"bytes 1000-20999/{expected.Length}", response.Content.Headers.ContentRange?.ToString());
            Assert.Equal(expected.AsSpan(1000, 20_000).ToArray(), await response.Content.ReadAsByteArrayAsync());
        }

        using (var refused = new HttpRequestMessage(HttpMethod.Get, $"/api/recordings/{entry.VaultId}/audio"))
        {
            refused.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _sandbox.TokenAsync(SeedData.Users.SalesDirector));
            Assert.Equal(HttpStatusCode.Forbidden, (await _sandbox.Client.SendAsync(refused)).StatusCode);
        }

        var audit = await _sandbox.Factory.Services.GetRequiredService<IMetadataStore>().ReadAuditAsync();
        Assert.Contains(audit, e => e.Entry.Action == "playback" && e.Entry.RecordingId == entry.VaultId && e.Entry.Actor == $"crm-user:{SeedData.Users.ComplianceReviewer}" && (e.Entry.Detail ?? "").Contains("1000-20999", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Entry.Action == "playback-denied" && e.Entry.RecordingId == entry.VaultId && (e.Entry.Actor ?? "").Contains(SeedData.Users.SalesDirector.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task CalleePressesTwo_NothingIsRecorded_AndTheContactIsMarkedDeclined()
    {
        _sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesTwo);

        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await _sandbox.WaitAsync(placed.CallId, c => c.ConsentEvents.Any(e => e.Kind == "consent-declined"), "the refusal logged");
        await _sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await _sandbox.WaitAsync(placed.CallId, c => c.EndedAt is not null, "the call ended");

        Assert.Empty(call.Recordings);
        Assert.Empty(_sandbox.Twilio.FindCall(call.TwilioCallSid!)!.RecordingSids);
        Assert.False(call.RecordingAllowed);
        await _sandbox.WaitForRowAsync("contacts", r => (string?)r["contactid"] == SeedData.Contacts.CaliforniaMobile.ToString() && (int?)r["crr_consentstatus"] == 107340002, "the contact marked declined");
    }

    [Fact]
    public async Task CalleeSaysYes_ConsentBySpeechIsLoggedWithWhatWasHeard_AndRecordingStarts()
    {
        _sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.SaysYes);

        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started after the spoken yes");
        await _sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);

        var granted = Assert.Single(call.ConsentEvents, e => e.Kind == "consent-granted");
        Assert.Equal(("granted", "speech"), (granted.Answer, granted.Method));
        Assert.False(string.IsNullOrWhiteSpace(granted.Heard));
    }

    [Fact]
    public async Task CalleeStaysSilent_TheTimeoutIsLoggedAndNothingIsRecorded()
    {
        _sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.StaysSilent);

        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await _sandbox.WaitAsync(placed.CallId, c => c.ConsentEvents.Any(e => e.Kind == "consent-timeout"), "the silence logged");
        await _sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);

        Assert.Empty((await _sandbox.WaitAsync(placed.CallId, c => c.EndedAt is not null, "the call ended")).Recordings);
        Assert.Null(Assert.Single(call.ConsentEvents, e => e.Kind == "consent-timeout").Answer);
        // The timeout reaches the CRM as evidence (the note on the phone call), but silence is not the customer's no:
        // the contact's consent on file stays as it was.
        await _sandbox.WaitForRowAsync("annotations", r => (string?)r["_objectid_value"] == placed.PhoneCallId!.Value.ToString() && ((string?)r["notetext"] ?? "").Contains("consent-timeout", StringComparison.Ordinal), "the timeout noted on the phone call");
        Assert.NotEqual(107340002, (int?)_sandbox.Dataverse.GetRow("contacts", SeedData.Contacts.CaliforniaMobile)!["crr_consentstatus"]);
    }

    [Fact]
    public async Task DoNotRecordContact_IsCalledUnrecorded_AndTheRepHearsWhy()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.DoNotRecord);
        Assert.Equal("do-not-record", placed.Decision);

        var call = await _sandbox.WaitAsync(placed.CallId, c => c.CustomerCallSid is not null, "the customer answered");
        var repLeg = _sandbox.Twilio.FindCall(call.TwilioCallSid!)!;
        Assert.Contains(repLeg.SaidTexts, t => t.Contains("not be recorded", StringComparison.OrdinalIgnoreCase));
        await _sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await _sandbox.WaitAsync(placed.CallId, c => c.EndedAt is not null, "the call ended");

        Assert.Empty(call.Recordings);
        Assert.Empty(call.ConsentEvents);
        // Not recorded, yet the phone call is completed like any other, with its decision and length.
        var closed = await _sandbox.WaitForRowAsync("phonecalls", r => (string?)r["activityid"] == placed.PhoneCallId!.Value.ToString() && (int?)r["statecode"] == 1, "the phone call closed");
        Assert.Equal((2, "do-not-record"), ((int?)closed["statuscode"], (string?)closed["crr_decision"]));
        Assert.NotNull((int?)closed["actualdurationminutes"]);
        var start = await _sandbox.Client.PostAsJsonAsync($"/api/calls/{call.Id}/recording/start", new { attestation = "I told them and they said yes" });
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
    }

    [Fact]
    public async Task PciPauseAndResume_AreStoredOnTheCall_AndTheAudioKeepsThePauseAsSilence()
    {
        _sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        var call = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");

        var stranger = await _sandbox.As(SeedData.Users.SalesManager).PostAsJsonAsync($"/api/calls/{call.Id}/recording/pause", new { });
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        var impersonating = await _sandbox.As(SeedData.Users.SalesManager).PostAsJsonAsync($"/api/calls/{call.Id}/recording/pause", new { });
        Assert.Equal(HttpStatusCode.Forbidden, impersonating.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sandbox.Anonymous.PostAsJsonAsync($"/api/calls/{call.Id}/recording/pause", new { })).StatusCode);
        var pause = await _sandbox.Client.PostAsJsonAsync($"/api/calls/{call.Id}/recording/pause", new { });
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        await Task.Delay(1100);
        var resume = await _sandbox.Client.PostAsJsonAsync($"/api/calls/{call.Id}/recording/resume", new { });
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _sandbox.Client.PostAsJsonAsync($"/api/calls/{call.Id}/recording/resume", new { })).StatusCode);
        await _sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "recording ingested");

        var span = Assert.Single(call.PausedSpans);
        Assert.NotNull(span.ResumedAt);
        Assert.Equal("silence", span.Behavior);
        var twilioCopy = _sandbox.Twilio.FindRecording(call.Recordings[0].RecordingSid)!;
        var silence = Assert.Single(twilioCopy.Pauses);
        Assert.True(silence.End - silence.Start >= TimeSpan.FromSeconds(1));
        Assert.Contains("Paused for payment 1 time", (string?)_sandbox.Dataverse.GetRow("phonecalls", placed.PhoneCallId!.Value)!["crr_consentsummary"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TexasRepCallsTexasLandline_UnderAPolicyWithoutAnnouncing_IsRecordedFromAnswerByTheDial()
    {
        var policy = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(policy, """{ "version": "no-announce-1", "alwaysAnnounce": false }""");
        using var sandbox = new SandboxCall(f => f.Settings["Calls:PolicyFile"] = policy);

        var placed = await sandbox.PlaceAsync(SeedData.Contacts.TexasLandline);
        Assert.Equal("record", placed.Decision);
        Assert.Contains("no-announce-1", placed.RulesVersion, StringComparison.Ordinal);

        var call = await sandbox.WaitAsync(placed.CallId, c => c.CustomerCallSid is not null && c.Recordings.Count > 0, "the dial recording under way");
        await Task.Delay(1100);
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "ingested");

        Assert.Empty(call.ConsentEvents);
        Assert.Equal("DialVerb", sandbox.Twilio.FindRecording(call.Recordings[0].RecordingSid)!.Source);
        Assert.Empty(sandbox.Twilio.FindCall(call.CustomerCallSid!)!.SaidTexts);
        File.Delete(policy);
    }

    [Fact]
    public async Task DefaultPolicy_AnnouncesEvenWhereOnePartyConsentWouldDo()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.TexasLandline);

        Assert.Equal("record-after-notice", placed.Decision);
    }

    [Fact]
    public async Task TexasRepCallsNewYorkContact_NoticeIsPlayed_ThenRecordingStarts()
    {
        var newYork = _sandbox.Dataverse.PutRow("contacts", new System.Text.Json.Nodes.JsonObject
        {
            ["firstname"] = "Nia",
            ["lastname"] = "Brooks",
            ["telephone1"] = "+12125550150",
            ["address1_stateorprovince"] = "NY",
            ["address1_country"] = "United States",
        });

        var placed = await _sandbox.PlaceAsync(newYork);
        Assert.Equal("record-after-notice", placed.Decision);
        Assert.Contains(placed.Reasons, r => r.Contains("399-z", StringComparison.Ordinal));

        var call = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started after the notice");
        await _sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "ingested");

        var played = Assert.Single(call.ConsentEvents);
        Assert.Equal(("disclosure-played", "notice"), (played.Kind, played.DisclosureKind));
        Assert.Contains(_sandbox.Twilio.FindCall(call.CustomerCallSid!)!.SaidTexts, t => t.Contains("recorded", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("StartCallRecordingAPI", _sandbox.Twilio.FindRecording(call.Recordings[0].RecordingSid)!.Source);
    }
}
