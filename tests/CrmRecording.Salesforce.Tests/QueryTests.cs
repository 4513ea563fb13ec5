using System.Text.Json.Nodes;
using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests;

/// <summary>SOQL over <c>/query</c>: the query string escaped, every page followed through <c>nextRecordsUrl</c>.</summary>
public sealed class QueryTests
{
    [Fact]
    public async Task Query_NotDone_FollowsTheDocumentedNextRecordsUrlOnTheInstance()
    {
        // The documented first page's paging members, verbatim: done false and the locator path.
        var text = Samples.Text("sf-rest-query-response.json.txt");
        var start = text.IndexOf("\n{", StringComparison.Ordinal);
        var documented = JsonNode.Parse(text[start..text.IndexOf("\"records\"", start, StringComparison.Ordinal)].TrimEnd().TrimEnd(',') + "}")!.AsObject();
        var next = (string)documented["nextRecordsUrl"]!;
        using var h = new SalesforceHarness().WithSession(
            () => Responses.Query("""{"attributes":{"type":"Contact"},"Id":"0031U00000JajaoQAB","Name":"Rose Gonzalez"}""", done: (bool)documented["done"]!, next: next),
            () => Responses.Query("""{"attributes":{"type":"Contact"},"Id":"0031U00000JajapQAB","Name":"Sean Forbes"}"""));

        var rows = await h.Client.QueryAsync("SELECT Name FROM Contact");

        Assert.Equal(["Rose Gonzalez", "Sean Forbes"], rows.Select(r => (string?)r["Name"]));
        Assert.Equal("https://acme-data.my.salesforce.com/services/data/v66.0/query?q=SELECT%20Name%20FROM%20Contact", h.DataRequests[0].Uri);
        Assert.Equal("https://acme-data.my.salesforce.com/services/data/v68.0/query/01gRO0000016PIAYA2-500", h.DataRequests[1].Uri);
    }

    [Theory]
    [InlineData("https://elsewhere.example/services/data/v66.0/query/01g-500")]
    [InlineData("/services/data/../../admin")]
    [InlineData(null)]
    public async Task Query_NextRecordsUrlOffTheRestApi_IsRefusedWithoutFollowingIt(string? next)
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Query(string.Empty, done: false, next: next));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.QueryAsync("SELECT Id FROM Contact"));

        Assert.Contains("nextRecordsUrl", e.ServerMessage, StringComparison.Ordinal);
        Assert.Single(h.DataRequests);
    }

    [Fact]
    public async Task Query_NoRecordsArray_BreaksTheContract()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Ok("""{"totalSize":0,"done":true}"""));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.QueryAsync("SELECT Id FROM Contact"));

        Assert.Contains("'records'", e.ServerMessage, StringComparison.Ordinal);
    }
}
