using System.Net;
using System.Text.Json.Nodes;
using CrmRecording.Salesforce.Records;
using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests;

/// <summary>sObject Collections: 200 records a request, results in the order sent, refused records as results.</summary>
public sealed class CollectionTests
{
    [Fact]
    public async Task CreateCollection_450Records_SendsThreeRequestsOf200200And50()
    {
        using var h = new SalesforceHarness();
        h.Handler.Reply(() => Responses.Token("token-1"));
        foreach (var size in new[] { 200, 200, 50 })
        {
            h.Handler.Reply(r => Responses.Ok(Saved(JsonNode.Parse(r.Body!)!["records"]!.AsArray().Count)));
        }

        var records = Enumerable.Range(0, 450).Select(i => Log(i)).ToList();
        var results = await h.Client.CreateCollectionAsync(records);

        Assert.Equal(450, results.Count);
        Assert.All(results, r => Assert.True(r.Success));
        Assert.Equal([200, 200, 50], h.DataRequests.Select(r => JsonNode.Parse(r.Body!)!["records"]!.AsArray().Count));
        Assert.All(h.DataRequests, r => Assert.Equal(("POST", SalesforceHarness.Api + "composite/sobjects"), (r.Method, r.Uri)));
    }

    [Fact]
    public async Task CreateCollection_Body_CarriesAllOrNoneAndEachRecordsType()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Ok(Saved(2)));

        await h.Client.CreateCollectionAsync([
            new SObjectRecord("Task", new Dictionary<string, object?> { ["Subject"] = "Call", ["TaskSubtype"] = "Call", ["CallDurationInSeconds"] = 42 }),
            Log(1),
        ]);

        Assert.Equal(
            """{"allOrNone":false,"records":[{"attributes":{"type":"Task"},"Subject":"Call","TaskSubtype":"Call","CallDurationInSeconds":42},{"attributes":{"type":"Consent_Log__c"},"Log_Key__c":"call-1:consent-granted","Event__c":"consent-granted"}]}""",
            h.DataRequests[0].Body);
    }

    [Fact]
    public async Task CreateCollection_RefusedRecord_IsAResultWithTheCodeAndFields()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Ok("""
            [{"id":"00T5g00000AbCdEEAV","success":true,"errors":[]},
             {"success":false,"errors":[{"statusCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","message":"Recording is not allowed for this contact.","fields":["WhoId"]}]}]
            """));

        var results = await h.Client.CreateCollectionAsync([Log(0), Log(1)]);

        Assert.True(results[0].Success);
        Assert.Equal("00T5g00000AbCdEEAV", results[0].Id!.Value.Value);
        Assert.False(results[1].Success);
        Assert.Null(results[1].Id);
        var error = Assert.Single(results[1].Errors);
        Assert.Equal(("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Recording is not allowed for this contact.", "WhoId"), (error.Code, error.Message, error.Fields[0]));
    }

    [Fact]
    public async Task UpsertCollection_ByExternalId_PatchesTheTypedPath()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Ok("""[{"id":"a025g00000AbCdEAAV","success":true,"errors":[],"created":false}]"""));

        var results = await h.Client.UpsertCollectionAsync("Consent_Log__c", "Log_Key__c", [Log(1)]);

        Assert.False(results[0].Created);
        Assert.Equal(("PATCH", SalesforceHarness.Api + "composite/sobjects/Consent_Log__c/Log_Key__c"), (h.DataRequests[0].Method, h.DataRequests[0].Uri));
    }

    [Fact]
    public async Task UpsertCollection_RecordWithoutTheExternalId_IsRefusedBeforeSending()
    {
        using var h = new SalesforceHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.UpsertCollectionAsync("Consent_Log__c", "Log_Key__c",
            [new SObjectRecord("Consent_Log__c", new Dictionary<string, object?> { ["Event__c"] = "x" })]));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task UpdateCollection_SendsEachRecordsId()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Ok(Saved(1)));

        await h.Client.UpdateCollectionAsync([new SObjectRecord("Contact", new Dictionary<string, object?> { ["Recording_Decision__c"] = "record" }, SalesforceId.Parse("0031U00000JajaoQAB"))]);

        Assert.Equal("PATCH", h.DataRequests[0].Method);
        Assert.Equal("""{"allOrNone":false,"records":[{"attributes":{"type":"Contact"},"id":"0031U00000JajaoQAB","Recording_Decision__c":"record"}]}""", h.DataRequests[0].Body);
    }

    [Fact]
    public async Task CreateCollection_FewerResultsThanRecords_BreaksTheContract()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Ok(Saved(1)));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.CreateCollectionAsync([Log(0), Log(1)]));

        Assert.Contains("2 records were sent but 1 results came back", e.ServerMessage, StringComparison.Ordinal);
    }

    private static SObjectRecord Log(int call) => new("Consent_Log__c", new Dictionary<string, object?>
    {
        ["Log_Key__c"] = $"call-{call}:consent-granted",
        ["Event__c"] = "consent-granted",
    });

    private static string Saved(int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"id":"a02000000000{{i:D3}}AAA","success":true,"errors":[]}""")) + "]";
}
