using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Salesforce;
using CrmRecording.Salesforce.Records;

namespace CrmRecording.Emulators.Tests.Salesforce;

/// <summary>Writes through the production client: records, upserts that never duplicate, collections of 200.</summary>
public sealed class SalesforceWriteTests
{
    private static readonly SalesforceId Ana = SalesforceId.Parse(SalesforceSeed.Contacts.CaliforniaMobile);

    [Fact]
    public async Task CreateTask_IsStoredWithTheCallFieldsAndTheSessionUserAsCreator()
    {
        await using var s = await SalesforceSession.StartAsync();

        var id = await s.Client.CreateAsync("Task", new Dictionary<string, object?>
        {
            ["Subject"] = "Call Ana Reyes", ["TaskSubtype"] = "Call", ["CallType"] = "Outbound", ["CallDurationInSeconds"] = 42,
            ["CallObject"] = "a4d8cfa7340509a2", ["WhoId"] = Ana, ["Status"] = "Completed",
        });

        var task = s.StandIn.Record("Task", id.Value)!;
        Assert.Equal(("00T", "Call", 42, SalesforceSeed.Users.Integration), (id.KeyPrefix, (string?)task["TaskSubtype"], (int)task["CallDurationInSeconds"]!, (string?)task["CreatedById"]));
        Assert.Equal(Ana.Value, (string?)task["WhoId"]);
    }

    [Fact]
    public async Task Update_UnknownField_IsInvalidField()
    {
        await using var s = await SalesforceSession.StartAsync();

        var e = await Assert.ThrowsAsync<SalesforceException>(() => s.Client.UpdateAsync("Contact", Ana, new Dictionary<string, object?> { ["Recording_Colour__c"] = "red" }));

        Assert.Equal(("INVALID_FIELD", "Recording_Colour__c"), (e.ErrorCode, e.Fields.Single()));
    }

    [Fact]
    public async Task Upsert_SameCallTwice_CreatesThenUpdatesOneRecord()
    {
        await using var s = await SalesforceSession.StartAsync();

        var first = await s.Client.UpsertAsync("Call_Recording__c", "Call_Id__c", "call-1", new Dictionary<string, object?> { ["Decision__c"] = "record" });
        var second = await s.Client.UpsertAsync("Call_Recording__c", "Call_Id__c", "call-1", new Dictionary<string, object?> { ["Recorded_Seconds__c"] = 5 });

        Assert.Equal((true, false), (first.Created, second.Created));
        Assert.Equal(first.Id, second.Id);
        var record = Assert.Single(s.StandIn.Records("Call_Recording__c"));
        Assert.Equal(("record", 5), ((string?)record["Decision__c"], (int)record["Recorded_Seconds__c"]!));
    }

    [Fact]
    public async Task UpsertCollection_450LogRowsTwice_ThreeRequestsEachAndNoDuplicates()
    {
        await using var s = await SalesforceSession.StartAsync();
        var rows = Enumerable.Range(0, 450).Select(i => new SObjectRecord("Consent_Log__c", new Dictionary<string, object?>
        {
            ["Log_Key__c"] = $"call-{i}:consent-granted", ["Event__c"] = "consent-granted", ["Contact__c"] = Ana,
        })).ToList();

        var first = await s.Client.UpsertCollectionAsync("Consent_Log__c", "Log_Key__c", rows);
        var again = await s.Client.UpsertCollectionAsync("Consent_Log__c", "Log_Key__c", rows);

        Assert.All(first, r => Assert.True(r.Success && r.Created == true));
        Assert.All(again, r => Assert.True(r.Success && r.Created == false));
        Assert.Equal(450, s.StandIn.Records("Consent_Log__c").Count);
        Assert.Equal(6, s.StandIn.Requests.All.Count(r => r.Url.AbsolutePath.EndsWith("/composite/sobjects/Consent_Log__c/Log_Key__c", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CreateCollection_OneBadRecord_OthersSavedAndTheBadOneExplained()
    {
        await using var s = await SalesforceSession.StartAsync();

        var results = await s.Client.CreateCollectionAsync([
            new SObjectRecord("Task", new Dictionary<string, object?> { ["Subject"] = "ok" }),
            new SObjectRecord("Task", new Dictionary<string, object?> { ["Subjekt"] = "typo" }),
        ]);

        Assert.True(results[0].Success);
        Assert.Equal(("INVALID_FIELD", "Subjekt"), (results[1].Errors[0].Code, results[1].Errors[0].Fields[0]));
        Assert.Single(s.StandIn.Records("Task"));
    }

    [Fact]
    public async Task UpdateCollection_EnrichmentOfSevenContacts_OneRequest()
    {
        await using var s = await SalesforceSession.StartAsync();
        var contacts = s.StandIn.Records("Contact").Select(c => SalesforceId.Parse((string)c["Id"]!)).ToList();

        var results = await s.Client.UpdateCollectionAsync([.. contacts.Select(id => new SObjectRecord("Contact", new Dictionary<string, object?> { ["Recording_Rules_Version__c"] = "rules 2026.11.1" }, id))]);

        Assert.Equal(7, results.Count(r => r.Success));
        Assert.All(s.StandIn.Records("Contact"), c => Assert.Equal("rules 2026.11.1", (string?)c["Recording_Rules_Version__c"]));
    }
}
