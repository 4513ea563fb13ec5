using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>
/// A Salesforce call end to end on real Kestrel: the rep's token names a Salesforce User, the decision comes from the
/// Contact's fields in the Salesforce stand-in, Twilio's stand-in plays the call, and the write-back lands as a Task,
/// a Call_Recording__c and Consent_Log__c rows; playback follows Salesforce's permissions, managers and role tree.
/// </summary>
public sealed class SalesforceCallEndToEndTests : IDisposable
{
    private const string CaliforniaNumber = "+14155550101";
    private readonly SandboxCall _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task RepDialsSalesforceContact_CalleeConsents_StoredTaskAndRecordWritten_ReviewerPlaysOutsiderRefused()
    {
        _sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
        var rep = _sandbox.AsSalesforce(SalesforceSeed.Users.SalesRep);

        var response = await rep.PostAsJsonAsync("/api/calls", new { crm = "salesforce", entity = "Contact", id = SalesforceSeed.Contacts.CaliforniaMobile });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var placed = (await response.Content.ReadFromJsonAsync<PlaceCallResponse>(SandboxCall.Json))!;

        // Decided from the Salesforce Contact (California) and User (Texas) before anything rang.
        Assert.Equal("record-after-consent", placed.Decision);
        Assert.Contains("US-CA", placed.Jurisdictions);
        Assert.Contains("US-TX", placed.Jurisdictions);
        Assert.Equal("Task", placed.Activity?.Table);
        var task = _sandbox.Salesforce.Record("Task", placed.Activity!.Id)!;
        Assert.Equal(("Call", "Outbound", placed.CallId), ((string?)task["TaskSubtype"], (string?)task["CallType"], (string?)task["CallObject"]));
        Assert.Equal(SalesforceSeed.Contacts.CaliforniaMobile, (string?)task["WhoId"]);
        Assert.Equal(SalesforceSeed.Users.SalesRep, (string?)task["OwnerId"]);

        var recording = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started after the yes");
        await Task.Delay(1200); // some audio
        await _sandbox.Twilio.HangUpAsync(recording.CustomerCallSid!);
        var call = await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "recording ingested and written back");
        Assert.Equal(("salesforce", "Contact", SalesforceSeed.Contacts.CaliforniaMobile), (call.Crm, call.CustomerRef!.Table, call.CustomerRef.Id));
        Assert.Equal(SalesforceSeed.Users.SalesRep, call.RepRef);
        var entry = Assert.Single(call.Recordings);

        // The Task completed with the duration; the recording record upserted by Call_Id__c with the link and the decision.
        task = _sandbox.Salesforce.Record("Task", placed.Activity.Id)!;
        Assert.Equal("Completed", (string?)task["Status"]);
        Assert.True((int?)task["CallDurationInSeconds"] >= 1);
        Assert.StartsWith("Recorded", (string?)task["CallDisposition"], StringComparison.Ordinal);
        var record = Assert.Single(_sandbox.Salesforce.Records("Call_Recording__c"), r => (string?)r["Call_Id__c"] == call.Id);
        Assert.Equal($"{call.CallbackBase.AbsoluteUri.TrimEnd('/')}/recordings/{entry.VaultId}", (string?)record["Recording_Url__c"]);
        Assert.Equal("record-after-consent", (string?)record["Decision__c"]);
        Assert.Equal(placed.Activity.Id, (string?)record["Task_Id__c"]);
        Assert.Equal(SalesforceSeed.Contacts.CaliforniaMobile, (string?)record["Contact__c"]);
        Assert.Contains("US-CA", (string?)record["Jurisdictions__c"], StringComparison.Ordinal);
        Assert.Contains("consent-granted", (string?)record["Consent_Summary__c"], StringComparison.Ordinal);
        var granted = await _sandbox.WaitForSalesforceAsync("Consent_Log__c", r => (string?)r["Log_Key__c"] == $"{call.Id}:consent-granted:consent-question", "the granted consent log");
        Assert.Equal(("granted", "keypad"), ((string?)granted["Answer__c"], (string?)granted["Method__c"]));
        Assert.Contains(_sandbox.Salesforce.Requests.All, r => r.Url.AbsolutePath.Contains("/composite/sobjects/Consent_Log__c/Log_Key__c", StringComparison.Ordinal));

        // Playback: the reviewer (permission set), the manager and the VP above the rep in the role tree play; the outsider is refused.
        foreach (var allowed in new[] { SalesforceSeed.Users.ComplianceReviewer, SalesforceSeed.Users.SalesManager, SalesforceSeed.Users.SalesDirector, SalesforceSeed.Users.SalesRep })
        {
            var answer = await _sandbox.AsSalesforce(allowed).GetAsync($"/api/recordings/{entry.VaultId}");
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{allowed}: {await answer.Content.ReadAsStringAsync()}");
        }

        var refused = await _sandbox.AsSalesforce(SalesforceSeed.Users.Outsider).GetAsync($"/api/recordings/{entry.VaultId}/audio");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("role hierarchy", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A Dynamics reviewer has no say over a Salesforce org's call.
        var dynamicsReviewer = _sandbox.As(Emulators.Dataverse.Seed.SeedData.Users.ComplianceReviewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await dynamicsReviewer.GetAsync($"/api/recordings/{entry.VaultId}")).StatusCode);
    }

    [Fact]
    public async Task PlaceSalesforceCall_OrgDown_Answers503AndDialsNothing()
    {
        var rep = _sandbox.AsSalesforce(SalesforceSeed.Users.SalesRep);
        _sandbox.Salesforce.Faults.GoDown();

        var response = await rep.PostAsJsonAsync("/api/calls", new { crm = "salesforce", entity = "Contact", id = SalesforceSeed.Contacts.CaliforniaMobile });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(_sandbox.Twilio.Calls);
    }

    [Fact]
    public async Task PlaceSalesforceCall_OpportunityWithoutPrimaryContact_Is422WithTheReason()
    {
        var rep = _sandbox.AsSalesforce(SalesforceSeed.Users.SalesRep);

        var response = await rep.PostAsJsonAsync("/api/calls", new { crm = "salesforce", entity = "Opportunity", id = SalesforceSeed.Opportunities.NoPrimaryContact });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("no primary contact", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceSalesforceCall_DoNotRecordContact_IsPlacedUnrecordedWithATask()
    {
        var rep = _sandbox.AsSalesforce(SalesforceSeed.Users.SalesRep);

        var response = await rep.PostAsJsonAsync("/api/calls", new { crm = "salesforce", entity = "Contact", id = SalesforceSeed.Contacts.DoNotRecord });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var placed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("do-not-record", placed.GetProperty("decision").GetString());
        Assert.Single(_sandbox.Salesforce.Records("Task"), t => (string?)t["CallObject"] == placed.GetProperty("callId").GetString());
    }

    [Fact]
    public async Task PlaceSalesforceCall_NeutralTableAndPhoneNames_DialsTheContactsMobile()
    {
        var rep = _sandbox.AsSalesforce(SalesforceSeed.Users.SalesRep);

        var response = await rep.PostAsJsonAsync("/api/calls", new { crm = "salesforce", entity = "contact", id = SalesforceSeed.Contacts.CaliforniaMobile, phoneField = "mobile" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var callId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("callId").GetString()!;
        var call = (await _sandbox.Calls.GetAsync(callId))!;
        Assert.Equal(("Contact", "+14155550101"), (call.Entity, call.CustomerPhone));
    }

    [Fact]
    public async Task SalesforceCall_DoNotRecordContactHungUp_TaskIsCompletedAsNotRecorded()
    {
        var rep = _sandbox.AsSalesforce(SalesforceSeed.Users.SalesRep);
        var response = await rep.PostAsJsonAsync("/api/calls", new { crm = "salesforce", entity = "Contact", id = SalesforceSeed.Contacts.DoNotRecord });
        var placed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var callId = placed.GetProperty("callId").GetString()!;
        var call = await _sandbox.WaitAsync(callId, c => c.CustomerCallSid is not null, "the customer answered");

        await _sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);

        var task = await _sandbox.WaitForSalesforceAsync("Task", t => (string?)t["CallObject"] == callId && (string?)t["Status"] == "Completed", "the Task completed");
        Assert.Equal("Not recorded (do-not-record)", (string?)task["CallDisposition"]);
        Assert.True((int?)task["CallDurationInSeconds"] >= 0, $"duration {task["CallDurationInSeconds"]}");
        Assert.Contains("Decision: do-not-record", (string?)task["Description"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"crm":"salesforce","entity":"Account","id":"001Sd0000000001AAA"}""", "entity must be one of Contact, Lead, Opportunity")]
    [InlineData("""{"crm":"salesforce","entity":"Contact","id":"not-an-id"}""", "15- or 18-character Salesforce id")]
    [InlineData("""{"crm":"salesforce","entity":"Contact","id":"003Sd0000000001AAA","phoneField":"telephone1"}""", "phoneField must be one of Phone, MobilePhone")]
    public async Task PlaceSalesforceCall_BadRequest_Is400WithTheReason(string body, string reason)
    {
        var rep = _sandbox.AsSalesforce(SalesforceSeed.Users.SalesRep);

        var response = await rep.PostAsync("/api/calls", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_sandbox.Twilio.Calls);
    }

    [Fact]
    public async Task SandboxToken_UnknownSalesforceUser_Is404()
    {
        var response = await _sandbox.Anonymous.PostAsJsonAsync("/sandbox/token", new { crm = "salesforce", userId = "005Sd0000000099AAA" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
