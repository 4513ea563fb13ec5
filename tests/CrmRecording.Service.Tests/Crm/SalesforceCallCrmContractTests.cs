using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Crm;
using CrmRecording.Service.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Crm;

/// <summary>The call port's contract against the Salesforce stand-in, plus what only Salesforce has (limits, Task fields).</summary>
public sealed class SalesforceCallCrmContractTests : CallCrmContract
{
    protected override string CrmName => CrmRecordRef.Salesforce;

    protected override CrmRecordRef CaliforniaContact => Ref("Contact", SalesforceSeed.Contacts.CaliforniaMobile);

    protected override CrmRecordRef DoNotRecordContact => Ref("Contact", SalesforceSeed.Contacts.DoNotRecord);

    protected override CrmRecordRef Lead => Ref("Lead", SalesforceSeed.Leads.SeattleProspect);

    protected override CrmRecordRef Opportunity => Ref("Opportunity", SalesforceSeed.Opportunities.FleetRenewal);

    protected override CrmRecordRef MissingContact => Ref("Contact", "003Sd0000000099AAA");

    protected override CrmRecordRef Rep => Ref("user", SalesforceSeed.Users.SalesRep);

    private Emulators.Salesforce.SalesforceStandIn StandIn => Services.GetRequiredService<SandboxSalesforce>().StandIn;

    [Fact]
    public async Task GetTarget_OrgAnswers503_IsCrmUnavailableWithRetryAfter()
    {
        StandIn.Faults.ServiceUnavailable(10);

        var e = await Assert.ThrowsAsync<CrmUnavailableException>(() => Port.GetTargetAsync(CaliforniaContact));

        Assert.Equal(503, e.Status);
        Assert.NotNull(e.RetryAfter);
    }

    [Fact]
    public async Task ConsentLog_DailyLimitReached_WaitsForTheOutboxRetryNotAHotLoop()
    {
        var target = (await Port.GetTargetAsync(CaliforniaContact))!;
        var call = new CallRecord
        {
            Id = "0123456789abcdef0123456789abcdef",
            Crm = CrmName,
            Entity = "Contact",
            RecordId = target.Regarding.Key,
            RecordRef = target.Regarding,
            CustomerTable = "contact",
            CustomerId = target.CustomerRef.Key,
            CustomerRef = target.CustomerRef,
            RepUserId = Rep.Key,
            RepRef = Rep.Id,
            CustomerPhone = "+14155550101",
            Decision = CrmRecording.Core.Decisions.RecordingOutcome.RecordAfterConsent,
            Reasons = [],
            Jurisdictions = ["US-CA"],
            RulesVersion = "test",
            CallbackBase = new Uri("https://media.example/"),
            Language = "en-US",
            CreatedAt = Now,
        };
        var granted = new ConsentEvent("consent-granted", Now, "granted", "keypad", "1", "consent-question", "1", "en-US", ["US-CA"], call.Id);
        StandIn.Faults.ReachDailyLimit();

        var e = await Assert.ThrowsAsync<CrmRecording.Service.Outbox.RetryLaterException>(() => Port.EnsureConsentLogAsync(call with { ConsentEvents = [granted] }, granted));

        Assert.True(e.After >= TimeSpan.FromMinutes(1), $"retry after {e.After}");
        Assert.Equal(0, ConsentLogRows(call.Id));
        StandIn.Faults.ResetDailyLimit();
        Assert.True(await Port.EnsureConsentLogAsync(call with { ConsentEvents = [granted] }, granted));
        Assert.Equal(1, ConsentLogRows(call.Id));
    }

    [Fact]
    public async Task CreateActivity_FromAnOpportunity_IsACallTaskWhoIsThePrimaryContactWhatIsTheOpportunity()
    {
        var target = (await Port.GetTargetAsync(Opportunity))!;
        var call = new CallRecord
        {
            Id = "fedcba9876543210fedcba9876543210", Crm = CrmName, Entity = "Opportunity",
            RecordId = target.Regarding.Key, RecordRef = target.Regarding, CustomerTable = target.Customer.Table,
            CustomerId = target.CustomerRef.Key, CustomerRef = target.CustomerRef, RepUserId = Rep.Key, RepRef = Rep.Id,
            CustomerPhone = "+14155550101", Decision = CrmRecording.Core.Decisions.RecordingOutcome.RecordAfterConsent, Reasons = [], Jurisdictions = ["US-CA"], RulesVersion = "test",
            CallbackBase = new Uri("https://media.example/"), Language = "en-US", CreatedAt = Now,
        };

        var task = StandIn.Record("Task", (await Port.CreatePhoneCallAsync(call, "Call with contact")).Id)!;

        Assert.Equal(
            ("Call", "Outbound", call.Id, SalesforceSeed.Contacts.CaliforniaMobile, SalesforceSeed.Opportunities.FleetRenewal, SalesforceSeed.Users.SalesRep),
            ((string?)task["TaskSubtype"], (string?)task["CallType"], (string?)task["CallObject"], (string?)task["WhoId"], (string?)task["WhatId"], (string?)task["OwnerId"]));
    }

    protected override int ConsentLogRows(string callId) => StandIn.Records("Consent_Log__c").Count(r => (string?)r["Call_Id__c"] == callId);

    protected override (string? Link, string? Decision) RecordingLinkAndDecision(CallRecord placed)
    {
        var record = StandIn.Records("Call_Recording__c").Single(r => (string?)r["Call_Id__c"] == placed.Id);
        var task = StandIn.Record("Task", placed.ActivityRef!.Id)!;
        Assert.Equal(("Call", "Outbound", placed.Id, 42), ((string?)task["TaskSubtype"], (string?)task["CallType"], (string?)task["CallObject"], (int?)task["CallDurationInSeconds"]));
        Assert.Equal(placed.ActivityRef.Id, (string?)record["Task_Id__c"]);
        return ((string?)record["Recording_Url__c"], (string?)record["Decision__c"]);
    }

    protected override (bool Completed, TimeSpan? Length, string? Summary) ActivityAfterClose(CallRecord ended)
    {
        var task = StandIn.Record("Task", ended.ActivityRef!.Id)!;
        return ((string?)task["Status"] == "Completed", (int?)task["CallDurationInSeconds"] is { } seconds ? TimeSpan.FromSeconds(seconds) : null, (string?)task["Description"]);
    }

    private static CrmRecordRef Ref(string type, string id) => new(CrmRecordRef.Salesforce, type, id);
}
