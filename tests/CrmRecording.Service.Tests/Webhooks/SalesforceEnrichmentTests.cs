using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Crm.Salesforce;
using CrmRecording.Service.Tests.Calls;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.DependencyInjection;
using static CrmRecording.Service.Tests.Webhooks.SalesforceEnvelopes;

namespace CrmRecording.Service.Tests.Webhooks;

/// <summary>
/// The service on real Kestrel with the sandbox org: the org's flows send Outbound Messages to the service, which
/// enriches the Contacts and Leads and writes the results back through sObject Collections.
/// </summary>
public sealed class SalesforceEnrichmentTests
{
    private static readonly string Texas = SalesforceSeed.Contacts.TexasLandline;
    private static readonly string Ana = SalesforceSeed.Contacts.CaliforniaMobile;
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static SandboxCall Sandbox(int lingerMilliseconds = 50, Action<ServiceFactory>? configure = null) => new(f =>
    {
        f.Settings["Salesforce:EnrichmentLingerMilliseconds"] = lingerMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configure?.Invoke(f);
    });

    private static int CollectionWrites(SandboxCall sandbox) =>
        sandbox.Salesforce.Requests.All.Count(r => r.Method == "PATCH" && r.Url.AbsolutePath.EndsWith("/composite/sobjects", StringComparison.Ordinal));

    private static async Task PostAsync(SandboxCall sandbox, string xml)
    {
        var secret = sandbox.Factory.Services.GetRequiredService<SalesforceNotificationSettings>().Secret.Value;
        using var response = await sandbox.Anonymous.PostAsync($"/webhooks/salesforce/{secret}", Content(xml));
        Assert.True(IsAck(await response.Content.ReadAsStringAsync()));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Never reached: {what}.");
            }

            await Task.Delay(50);
        }
    }

    private static Task NothingPendingAsync(SandboxCall sandbox) =>
        WaitUntilAsync(async () => await sandbox.Factory.Services.GetRequiredService<IOutbox>().PendingAsync() == 0, "no job left in the outbox");

    [Fact]
    public async Task UserChangesAPhone_ContactIsEnrichedAndWrittenBack_AndTheWriteBackNotifiesNobody()
    {
        using var sandbox = Sandbox();

        sandbox.Salesforce.Edit("Contact", [(Texas, new JsonObject { ["Phone"] = "+1 512 555 0177" })]);

        var contact = await sandbox.WaitForSalesforceAsync("Contact", r => (string?)r["Id"] == Texas && (string?)r["Recording_Phone_E164__c"] == "+15125550177", "the enrichment written back");
        Assert.Contains("US-TX", (string?)contact["Recording_Jurisdictions__c"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)contact["Recording_Decision__c"]));
        Assert.False(string.IsNullOrEmpty((string?)contact["Recording_Rule__c"]));
        Assert.False(string.IsNullOrEmpty((string?)contact["Recording_Rules_Version__c"]));
        Assert.NotNull(contact["Recording_Last_Enriched__c"]);
        Assert.Equal(SalesforceSeed.Users.Integration, (string?)contact["LastModifiedById"]);
        await NothingPendingAsync(sandbox);
        Assert.Equal((1, 0), (sandbox.Salesforce.OutboundMessages.Acknowledged.Count, sandbox.Salesforce.OutboundMessages.Pending));
        Assert.Equal(1, CollectionWrites(sandbox));
    }

    [Fact]
    public async Task UserVerifiesALeadsRegion_LeadIsEnrichedFromItsOwnAddressFields()
    {
        using var sandbox = Sandbox();
        var lead = SalesforceSeed.Leads.SeattleProspect;

        sandbox.Salesforce.Edit("Lead", [(lead, new JsonObject { ["Recording_Verified_Region__c"] = "US-CA" })]);

        var written = await sandbox.WaitForSalesforceAsync("Lead", r => (string?)r["Id"] == lead && r["Recording_Last_Enriched__c"] is not null, "the lead's enrichment written back");
        // The verified region is strong evidence: it stands in for the Seattle area code and address.
        Assert.Contains("US-CA", (string?)written["Recording_Jurisdictions__c"], StringComparison.Ordinal);
        Assert.DoesNotContain("US-WA", (string?)written["Recording_Jurisdictions__c"], StringComparison.Ordinal);
        Assert.Equal("strong", (string?)written["Recording_Evidence_Strength__c"]);
        Assert.Equal("+12065550110", (string?)written["Recording_Phone_E164__c"]);
    }

    [Fact]
    public async Task OlderChangeArrivingAfterANewerOne_IsDropped_AndTheNewerEnrichmentStays()
    {
        using var sandbox = Sandbox();

        await PostAsync(sandbox, Message(Contact("04lSd0000000101AAA", Ana, Monday.AddMinutes(2), "+1 415 555 0101", "CA")));
        await sandbox.WaitForSalesforceAsync("Contact", r => (string?)r["Id"] == Ana && ((string?)r["Recording_Jurisdictions__c"])?.Contains("US-CA", StringComparison.Ordinal) == true, "the newer change enriched");
        await NothingPendingAsync(sandbox);
        var writes = CollectionWrites(sandbox);
        await PostAsync(sandbox, Message(Contact("04lSd0000000102AAA", Ana, Monday.AddMinutes(1), "+1 512 555 0102", "TX")));
        await NothingPendingAsync(sandbox);

        var contact = sandbox.Salesforce.Record("Contact", Ana)!;
        Assert.Contains("US-CA", (string?)contact["Recording_Jurisdictions__c"], StringComparison.Ordinal);
        Assert.DoesNotContain("US-TX", (string?)contact["Recording_Jurisdictions__c"], StringComparison.Ordinal);
        Assert.Equal(writes, CollectionWrites(sandbox));
    }

    [Fact]
    public async Task ThreeChangesOfOneContactInOneMessage_OnlyTheNewestIsWritten_Once()
    {
        using var sandbox = Sandbox();

        await PostAsync(sandbox, Message(
            Contact("04lSd0000000201AAA", Ana, Monday.AddMinutes(1), "+1 512 555 0102", "TX")
            + Contact("04lSd0000000202AAA", Ana, Monday.AddMinutes(3), "+1 415 555 0101", "CA")
            + Contact("04lSd0000000203AAA", Ana, Monday.AddMinutes(2), "+1 212 555 0103", "NY")));
        await NothingPendingAsync(sandbox);

        var contact = sandbox.Salesforce.Record("Contact", Ana)!;
        Assert.Equal("+14155550101", (string?)contact["Recording_Phone_E164__c"]);
        var write = Assert.Single(sandbox.Salesforce.Requests.All, r => r.Method == "PATCH" && r.Url.AbsolutePath.EndsWith("/composite/sobjects", StringComparison.Ordinal));
        Assert.Single(JsonNode.Parse(write.Body)!["records"]!.AsArray());
    }

    [Fact]
    public async Task BulkCreateOf250Contacts_AllEnriched_InAtMostOneCollectionWritePerMessage()
    {
        using var sandbox = Sandbox(lingerMilliseconds: 1000);

        var ids = sandbox.Salesforce.Create("Contact", Enumerable.Range(0, 250).Select(i => new JsonObject
        {
            ["LastName"] = $"Bulk {i}", ["Phone"] = $"+1 415 555 {i % 100:D4}", ["MailingStateCode"] = "CA", ["MailingCountryCode"] = "US", ["OwnerId"] = SalesforceSeed.Users.SalesRep,
        }));
        await WaitUntilAsync(() => Task.FromResult(ids.All(id => sandbox.Salesforce.Record("Contact", id)!["Recording_Last_Enriched__c"] is not null)), "all 250 enriched");
        await NothingPendingAsync(sandbox);

        // 250 notifications travel in 3 messages of at most 100, each stored in one transaction.
        Assert.InRange(CollectionWrites(sandbox), 2, 3);
        Assert.Equal(250, sandbox.Salesforce.Requests.All.Where(r => r.Method == "PATCH" && r.Url.AbsolutePath.EndsWith("/composite/sobjects", StringComparison.Ordinal)).Sum(r => JsonNode.Parse(r.Body)!["records"]!.AsArray().Count));
        Assert.Equal(1, sandbox.Salesforce.Requests.All.Count(r => r.Method == "GET" && r.Url.AbsolutePath.Contains("/sobjects/User/", StringComparison.Ordinal)) + sandbox.Salesforce.Requests.All.Count(r => r.Soql?.Contains("FROM User", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task DailyLimitReached_EnrichmentWaitsInTheOutbox_ThenLandsOnce()
    {
        using var sandbox = Sandbox(configure: f => f.Settings["Salesforce:DailyLimitRetryDelay"] = "00:00:00.200");
        sandbox.Salesforce.Faults.ReachDailyLimit();
        var before = sandbox.Salesforce.Requests.All.Count;

        sandbox.Salesforce.Edit("Contact", [(Texas, new JsonObject { ["Phone"] = "+1 512 555 0166" })]);
        await WaitUntilAsync(() => Task.FromResult(sandbox.Salesforce.OutboundMessages.Acknowledged.Count == 1), "the message acknowledged while the limit holds");
        await WaitUntilAsync(() => Task.FromResult(sandbox.Salesforce.Requests.All.Skip(before).Count(r => r.Url.AbsolutePath.StartsWith("/services/data/", StringComparison.Ordinal)) >= 2), "two refused attempts");

        Assert.Null(sandbox.Salesforce.Record("Contact", Texas)!["Recording_Phone_E164__c"]);
        Assert.Equal(1, await sandbox.Factory.Services.GetRequiredService<IOutbox>().PendingAsync());
        sandbox.Salesforce.Faults.ResetDailyLimit();
        await sandbox.WaitForSalesforceAsync("Contact", r => (string?)r["Id"] == Texas && (string?)r["Recording_Phone_E164__c"] == "+15125550166", "written once the limit resets");
        await NothingPendingAsync(sandbox);
        Assert.Equal(0, await sandbox.Factory.Services.GetRequiredService<IOutbox>().DeadCountAsync());
    }

    [Fact]
    public async Task CallTaskRefusedByTheOrgsGate_WriteBackEndsDead_WithTheOrgsReasonOnTheRecording()
    {
        using var sandbox = Sandbox();
        sandbox.Twilio.Options.Callees["+14155550101"] = new CalleeScript(CalleeBehavior.PressesOne);
        var rep = sandbox.AsSalesforce(SalesforceSeed.Users.SalesRep);
        var response = await rep.PostAsJsonAsync("/api/calls", new { crm = "salesforce", entity = "Contact", id = Ana });
        var placed = (await response.Content.ReadFromJsonAsync<PlaceCallResponse>(SandboxCall.Json))!;
        var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");

        // While the call is recorded with her consent, someone records that she declines from now on.
        sandbox.Salesforce.Edit("Contact", [(Ana, new JsonObject { ["Recording_Consent_Status__c"] = "declined" })]);
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Problem is not null), "the write-back given up");

        var recording = Assert.Single(call.Recordings);
        Assert.Equal("stored", recording.Status);
        Assert.False(recording.WrittenToCrm);
        Assert.StartsWith("Stored, but not written to the CRM", recording.Problem, StringComparison.Ordinal);
        Assert.Contains("This call can't be logged as recorded", recording.Problem, StringComparison.Ordinal);
        var dead = Assert.Single(await sandbox.Factory.Services.GetRequiredService<IOutbox>().ListDeadAsync(10));
        Assert.StartsWith("Refused on attempt 1:", dead.LastError, StringComparison.Ordinal);
    }
}
