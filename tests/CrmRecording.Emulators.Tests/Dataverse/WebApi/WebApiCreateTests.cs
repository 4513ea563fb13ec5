using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Emulators.Tests.Dataverse.WebApi;

/// <summary>Create as "Create a table row using the Web API" documents it: 204 + OData-EntityId, or 201 with return=representation.</summary>
public sealed class WebApiCreateTests : IAsyncLifetime
{
    private StandInSession session = null!;

    public async Task InitializeAsync() => session = await StandInSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task Create_WithoutPrefer_Answers204WithODataEntityIdAndNoBody()
    {
        using var response = await session.SendAsync(HttpMethod.Post, "contacts", """{"firstname":"Ines","lastname":"Duarte","telephone1":"+15125550199"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
        var entityId = response.Headers.GetValues("OData-EntityId").Single();
        Assert.Matches($"^{session.Api}contacts\\([0-9a-f-]{{36}}\\)$", entityId);
        Assert.True(Guid.TryParse(response.Headers.GetValues("REQ_ID").Single(), out _));
        Assert.Empty(await response.Content.ReadAsStringAsync());

        var id = Guid.Parse(entityId[^37..^1]);
        var row = session.StandIn.GetRow("contacts", id)!;
        Assert.Equal("Ines Duarte", row["fullname"]!.GetValue<string>());
        Assert.Equal(SeedData.Users.Application.ToString(), row["_ownerid_value"]!.GetValue<string>());
        Assert.Equal(0, row["statecode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_ReturnRepresentation_Answers201WithSelectedColumnsAndNoEntityIdHeader()
    {
        using var request = session.Request(HttpMethod.Post, "contacts?$select=firstname,lastname,createdon", """{"firstname":"Ines","lastname":"Duarte"}""");
        request.Headers.Add("Prefer", "return=representation");
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("return=representation", response.Headers.GetValues("Preference-Applied").Single());
        Assert.False(response.Headers.Contains("OData-EntityId"));
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var body = await StandInSession.JsonAsync(response);
        Assert.Equal($"{session.Api}$metadata#contacts(firstname,lastname,createdon)/$entity", body.GetProperty("@odata.context").GetString());
        Assert.Matches("^W/\"\\d+\"$", body.GetProperty("@odata.etag").GetString()!);
        Assert.Equal("Ines", body.GetProperty("firstname").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", body.GetProperty("createdon").GetString()!);
        Assert.True(Guid.TryParse(body.GetProperty("contactid").GetString(), out _));
        Assert.False(body.TryGetProperty("telephone1", out _));
    }

    [Fact]
    public async Task Create_PhoneCallWithPartiesRegardingOpportunity_StoresPartiesReadableThroughNavigation()
    {
        var json = $$"""
            {
              "subject": "Renewal call",
              "phonenumber": "+14155550101",
              "directioncode": true,
              "regardingobjectid_opportunity_phonecall@odata.bind": "/opportunities({{SeedData.Opportunities.FleetRenewal}})",
              "phonecall_activity_parties": [
                { "partyid_systemuser@odata.bind": "/systemusers({{SeedData.Users.SalesRep}})", "participationtypemask": 1 },
                { "partyid_contact@odata.bind": "{{session.Api}}contacts({{SeedData.Contacts.CaliforniaMobile}})", "participationtypemask": 2 }
              ]
            }
            """;
        using var created = await session.SendAsync(HttpMethod.Post, "phonecalls", json);
        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        var id = created.Headers.GetValues("OData-EntityId").Single()[^37..^1];

        using var call = await session.GetAsync($"phonecalls({id})?$select=subject,_regardingobjectid_value", ("Prefer", "odata.include-annotations=\"*\""));
        var callBody = await StandInSession.JsonAsync(call);
        Assert.Equal(SeedData.Opportunities.FleetRenewal.ToString(), callBody.GetProperty("_regardingobjectid_value").GetString());
        Assert.Equal("opportunity", callBody.GetProperty("_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname").GetString());

        using var parties = await session.GetAsync($"phonecalls({id})/phonecall_activity_parties?$select=_partyid_value,participationtypemask");
        Assert.Equal(HttpStatusCode.OK, parties.StatusCode);
        var partiesBody = await StandInSession.JsonAsync(parties);
        Assert.Equal($"{session.Api}$metadata#activityparties(_partyid_value,participationtypemask)", partiesBody.GetProperty("@odata.context").GetString());
        var values = partiesBody.GetProperty("value").EnumerateArray()
            .Select(p => (p.GetProperty("participationtypemask").GetInt32(), p.GetProperty("_partyid_value").GetString()))
            .OrderBy(p => p.Item1)
            .ToList();
        Assert.Equal([(1, SeedData.Users.SalesRep.ToString()), (2, SeedData.Contacts.CaliforniaMobile.ToString())], values);
    }

    [Fact]
    public async Task Create_BindToMissingRow_Answers404DoesNotExistAndCreatesNothing()
    {
        var missing = Guid.NewGuid();
        var before = session.StandIn.GetRows("phonecalls").Count;

        using var response = await session.SendAsync(HttpMethod.Post, "phonecalls", $$"""{"subject":"x","regardingobjectid_opportunity_phonecall@odata.bind":"/opportunities({{missing}})"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await StandInSession.JsonAsync(response)).GetProperty("error");
        Assert.Equal("0x80040217", error.GetProperty("code").GetString());
        Assert.Equal($"opportunity With Id = {missing} Does Not Exist", error.GetProperty("message").GetString());
        Assert.Equal(before, session.StandIn.GetRows("phonecalls").Count);
    }

    [Fact]
    public async Task Create_NoteOnPhoneCall_SetsObjectIdLookup()
    {
        var callId = await CreateCallAsync();

        using var response = await session.SendAsync(HttpMethod.Post, "annotations", $$"""{"subject":"Consent","notetext":"Disclosure played; customer agreed.","objectid_phonecall@odata.bind":"/phonecalls({{callId}})"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var note = session.StandIn.GetRows("annotations").Single();
        Assert.Equal(callId.ToString(), note["_objectid_value"]!.GetValue<string>());
        Assert.Equal("phonecall", note["_objectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ConsentLogWithCustomLookup_KeepsTheNavigationNameAsAnnotation()
    {
        var callId = await CreateCallAsync();

        using var response = await session.SendAsync(HttpMethod.Post, "crr_consentlogs", $$"""{"crr_event":"consent-asked","crr_PhoneCallId@odata.bind":"/phonecalls({{callId}})"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var log = session.StandIn.GetRows("crr_consentlogs").Single();
        Assert.Equal(callId.ToString(), log["_crr_phonecallid_value"]!.GetValue<string>());
        Assert.Equal("crr_PhoneCallId", log["_crr_phonecallid_value@Microsoft.Dynamics.CRM.associatednavigationproperty"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_PropertyNotInLowerCase_Answers400CouldNotFindProperty()
    {
        using var response = await session.SendAsync(HttpMethod.Post, "contacts", """{"FirstName":"Ines"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await StandInSession.JsonAsync(response)).GetProperty("error");
        Assert.Equal("0x80060888", error.GetProperty("code").GetString());
        Assert.Equal("Could not find a property named 'FirstName' on type 'Microsoft.Dynamics.CRM.contact'.", error.GetProperty("message").GetString());
    }

    private async Task<Guid> CreateCallAsync()
    {
        using var response = await session.SendAsync(HttpMethod.Post, "phonecalls", """{"subject":"Call"}""");
        return Guid.Parse(response.Headers.GetValues("OData-EntityId").Single()[^37..^1]);
    }
}
