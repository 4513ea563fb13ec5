using System.Net;
using System.Text.Json.Nodes;
using CrmRecording.Dataverse;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Tests.Dataverse.Client;
using CrmRecording.Testing.Http;

namespace CrmRecording.Emulators.Tests.Dataverse.Limits;

/// <summary><c>UpdateMultiple</c> in the shape of Microsoft's example ("Use UpdateMultiple", Web API tab), and the client that sends it.</summary>
public sealed class UpdateMultipleTests
{
    [Fact]
    public async Task UpdateMultiple_DocumentedRequest_UpdatesEveryTargetAndAnswers204()
    {
        await using var session = await StandInSession.StartAsync();
        var a = session.StandIn.PutRow("contacts", new JsonObject { ["lastname"] = "A" });
        var b = session.StandIn.PutRow("contacts", new JsonObject { ["lastname"] = "B" });
        var body = $$"""
            {
                "Targets": [
                    { "@odata.type": "Microsoft.Dynamics.CRM.contact", "contactid": "{{a:D}}", "lastname": "A updated" },
                    { "@odata.type": "Microsoft.Dynamics.CRM.contact", "contactid": "{{b:D}}", "lastname": "B updated" }
                ]
            }
            """;

        using var response = await session.SendAsync(HttpMethod.Post, "contacts/Microsoft.Dynamics.CRM.UpdateMultiple", body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("A updated", (string?)session.StandIn.GetRow("contacts", a)!["lastname"]);
        Assert.Equal("B updated", (string?)session.StandIn.GetRow("contacts", b)!["lastname"]);
    }

    [Theory]
    [InlineData("""{ "Targets": [] }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "Targets": [ { "@odata.type": "Microsoft.Dynamics.CRM.lead", "contactid": "KNOWN", "lastname": "x" } ] }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "Targets": [ { "@odata.type": "Microsoft.Dynamics.CRM.contact", "lastname": "x" } ] }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "Targets": [ { "@odata.type": "Microsoft.Dynamics.CRM.contact", "contactid": "KNOWN", "lastname": "x" }, { "@odata.type": "Microsoft.Dynamics.CRM.contact", "contactid": "9f1b1b1b-0000-4000-8000-000000000001", "lastname": "x" } ] }""", HttpStatusCode.NotFound)]
    public async Task UpdateMultiple_BadTarget_FailsTheWholeRequestAndWritesNothing(string template, HttpStatusCode expected)
    {
        await using var session = await StandInSession.StartAsync();
        var known = session.StandIn.PutRow("contacts", new JsonObject { ["lastname"] = "unchanged" });

        using var response = await session.SendAsync(HttpMethod.Post, "contacts/Microsoft.Dynamics.CRM.UpdateMultiple", template.Replace("KNOWN", known.ToString("D"), StringComparison.Ordinal));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("unchanged", (string?)session.StandIn.GetRow("contacts", known)!["lastname"]);
    }

    [Fact]
    public async Task Client_UpdateMultipleAndGetCustomers_SendOneRequestEachForManyRows()
    {
        await using var session = await ClientSession.StartAsync();
        var ids = Enumerable.Range(0, 30).Select(i => session.StandIn.PutRow("contacts", new JsonObject { ["lastname"] = $"n{i}", ["address1_stateorprovince"] = "TX" })).ToList();
        session.StandIn.Requests.Clear();

        var read = await session.Client.GetCustomersAsync(DataverseTable.Contact, [.. ids, Guid.NewGuid()]);
        await session.Client.UpdateMultipleAsync(DataverseTable.Contact, [.. ids.Select(id => (id, (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["crr_jurisdictions"] = "US-TX" }))]);

        Assert.Equal(ids.ToHashSet(), read.Select(r => r.Row.Id).ToHashSet());
        Assert.All(read, r => Assert.Equal("TX", r.StateOrProvince));
        var sent = session.StandIn.Requests.All;
        Assert.Equal(2, sent.Count);
        Assert.Equal("POST", sent[1].Method);
        Assert.EndsWith("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.UpdateMultiple", sent[1].Url.AbsolutePath, StringComparison.Ordinal);
        var targets = JsonNode.Parse(sent[1].Body)!["Targets"]!.AsArray();
        Assert.Equal(30, targets.Count);
        Assert.All(targets, t => Assert.Equal("Microsoft.Dynamics.CRM.contact", (string?)t!["@odata.type"]));
        Assert.All(ids, id => Assert.Equal("US-TX", (string?)session.StandIn.GetRow("contacts", id)!["crr_jurisdictions"]));
    }

    [Fact]
    public async Task Client_AfterA429_SendsNothingUntilTheRetryAfterEnds()
    {
        var clock = new JumpingTime(new DateTimeOffset(2025, 3, 4, 15, 6, 7, TimeSpan.Zero));
        var options = new DataverseStandInOptions { TimeProvider = clock, ServiceProtection = { Enabled = true, MaxRequests = 1 } };
        var standIn = new DataverseStandIn(options);
        await using var _ = standIn;
        await standIn.StartAsync();
        var id = standIn.PutRow("contacts", new JsonObject { ["lastname"] = "gate" });
        using var http = new HttpClient();
        var client = new DataverseClient(
            http,
            new CrmRecording.Dataverse.Authentication.StaticDataverseTokenSource(options.BearerToken),
            new DataverseClientOptions { EnvironmentUrl = standIn.BaseAddress, StaticAccessToken = options.BearerToken, MaxRetries = 0 },
            clock);
        await client.GetCustomersAsync(DataverseTable.Contact, [id]);
        var throttled = await Assert.ThrowsAsync<DataverseException>(() => client.GetCustomersAsync(DataverseTable.Contact, [id]));

        // Another call of the same client: it must wait out the Retry-After the first one was told.
        await client.UpdateMultipleAsync(DataverseTable.Contact, [(id, new Dictionary<string, object?> { ["lastname"] = "after" })]);

        Assert.Equal(429, throttled.Status);
        var refusal = Assert.Single(standIn.ServiceProtection.Refusals);
        Assert.Equal(0, standIn.ServiceProtection.RequestsDuringRetryAfter);
        Assert.True(standIn.Requests.All[^1].ReceivedAt >= refusal.RetryAt);
        Assert.Equal("after", (string?)standIn.GetRow("contacts", id)!["lastname"]);
    }
}
