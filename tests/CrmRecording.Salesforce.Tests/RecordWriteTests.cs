using System.Net;
using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests;

/// <summary>Single-record writes: create (201 with the id), update (PATCH, 204), upsert by external id (201 or 200).</summary>
public sealed class RecordWriteTests
{
    [Fact]
    public async Task Create_DocumentedResponse_ReturnsTheNewId()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Json(HttpStatusCode.Created, Samples.JsonBlock("sf-rest-create-and-composite.json.txt")));

        var id = await h.Client.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Express Logistics and Transport" });

        Assert.Equal("001D000000IqhSLIAZ", id.Value);
        var request = h.DataRequests[0];
        Assert.Equal("POST", request.Method);
        Assert.Equal(SalesforceHarness.Api + "sobjects/Account/", request.Uri);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("""{"Name":"Express Logistics and Transport"}""", request.Body);
    }

    [Fact]
    public async Task Update_Fields_PatchesTheRecordWithTypedValues()
    {
        using var h = new SalesforceHarness().WithSession(Responses.NoContent);

        await h.Client.UpdateAsync("Contact", SalesforceId.Parse("0031U00000JajaoQAB"), new Dictionary<string, object?>
        {
            ["Recording_Consent_Status__c"] = "granted",
            ["Recording_Consent_Date__c"] = new DateOnly(2026, 11, 22),
            ["Recording_Last_Enriched__c"] = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1)),
            ["Recording_Do_Not_Record__c"] = false,
            ["Recording_Phone_E164__c"] = "+14155550101",
            ["Recording_Verified_Region__c"] = null,
        });

        var request = h.DataRequests[0];
        Assert.Equal("PATCH", request.Method);
        Assert.Equal(SalesforceHarness.Api + "sobjects/Contact/0031U00000JajaoQAB", request.Uri);
        Assert.Equal(
            """{"Recording_Consent_Status__c":"granted","Recording_Consent_Date__c":"2026-11-22","Recording_Last_Enriched__c":"2026-11-22T09:00:00.000Z","Recording_Do_Not_Record__c":false,"Recording_Phone_E164__c":"+14155550101","Recording_Verified_Region__c":null}""",
            request.Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.Created, true)]
    [InlineData(HttpStatusCode.OK, false)]
    public async Task Upsert_ByExternalId_SaysWhetherItCreated(HttpStatusCode status, bool created)
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Json(status, """{"id":"a015g00000AbCdEAAV","success":true,"errors":[],"created":true}"""));

        var result = await h.Client.UpsertAsync("Call_Recording__c", "Call_Id__c", "a4d8cfa7340509a2", new Dictionary<string, object?> { ["Decision__c"] = "record" });

        Assert.Equal(created, result.Created);
        Assert.Equal("a015g00000AbCdEAAV", result.Id.Value);
        Assert.Equal(SalesforceHarness.Api + "sobjects/Call_Recording__c/Call_Id__c/a4d8cfa7340509a2", h.DataRequests[0].Uri);
        Assert.Equal("PATCH", h.DataRequests[0].Method);
    }

    [Theory]
    [InlineData("Contact/../User")]
    [InlineData("Contact?x=1")]
    [InlineData("")]
    public async Task Write_ObjectNameThatLeavesThePath_IsRefusedBeforeSending(string type)
    {
        using var h = new SalesforceHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreateAsync(type, new Dictionary<string, object?> { ["Name"] = "x" }));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task Write_UnsupportedValueType_NamesTheField()
    {
        using var h = new SalesforceHarness().WithSession();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreateAsync("Task", new Dictionary<string, object?> { ["Subject"] = new object() }));

        Assert.Contains("'Subject'", e.Message, StringComparison.Ordinal);
    }
}
