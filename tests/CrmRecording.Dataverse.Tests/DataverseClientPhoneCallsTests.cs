using System.Net;
using CrmRecording.Dataverse.PhoneCalls;
using CrmRecording.Dataverse.Tests.Support;

namespace CrmRecording.Dataverse.Tests;

public sealed class DataverseClientPhoneCallsTests
{
    private static readonly Guid OpportunityId = Guid.Parse("b3828ac8-917a-e511-80d2-00155d2a68d2");
    private static readonly Guid RepId = Guid.Parse("4026be43-6b69-e111-8f65-78e7d1620f5e");
    private static readonly Guid ContactId = Guid.Parse("0928bcb4-bb27-ed11-9db1-002248274ada");
    private static readonly Guid LeadId = Guid.Parse("2728bcb4-bb27-ed11-9db1-002248274ada");

    private static NewPhoneCall OutgoingToContact => new(
        RowReference.Opportunity(OpportunityId), RepId, RowReference.Contact(ContactId), "Discovery call", "+14155550105");

    [Fact]
    public async Task CreatePhoneCallAsync_RegardingOpportunity_DeepInsertsPartiesAndReadsReturnedRow()
    {
        using var h = new ClientHarness();
        // "Create with data returned" (create-entity-web-api.md): 201 Created, Preference-Applied, the selected columns.
        h.Handler.Reply(() => Responses.Json(
            HttpStatusCode.Created,
            """
            {
              "@odata.context": "https://org.crm.dynamics.com/api/data/v9.2/$metadata#phonecalls(activityid)/$entity",
              "@odata.etag": "W/\"536530\"",
              "activityid": "d6f193fc-ce85-e611-80d8-00155d2a68de"
            }
            """,
            ("Preference-Applied", "return=representation")));

        var id = await h.Client.CreatePhoneCallAsync(OutgoingToContact);

        Assert.Equal(Guid.Parse("d6f193fc-ce85-e611-80d8-00155d2a68de"), id);
        var request = h.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal($"{ClientHarness.Api}phonecalls?$select=activityid", request.Uri);
        ClientHarness.AssertODataHeaders(request);
        Assert.Equal("return=representation", request.Header("Prefer"));
        Assert.Null(request.Header("If-Match"));
        ClientHarness.AssertJsonBody(request, """
            {
              "subject": "Discovery call",
              "phonenumber": "+14155550105",
              "directioncode": true,
              "regardingobjectid_opportunity_phonecall@odata.bind": "/opportunities(b3828ac8-917a-e511-80d2-00155d2a68d2)",
              "phonecall_activity_parties": [
                { "partyid_systemuser@odata.bind": "/systemusers(4026be43-6b69-e111-8f65-78e7d1620f5e)", "participationtypemask": 1 },
                { "partyid_contact@odata.bind": "/contacts(0928bcb4-bb27-ed11-9db1-002248274ada)", "participationtypemask": 2 }
              ]
            }
            """);
    }

    [Fact]
    public async Task CreatePhoneCallAsync_ServerIgnoresPreference_ReadsIdFromODataEntityId()
    {
        using var h = new ClientHarness();
        // "Basic create" (create-entity-web-api.md): 204 No Content with the new row's URI in OData-EntityId.
        h.Handler.Reply(() => Responses.Empty(
            HttpStatusCode.NoContent, ("OData-EntityId", $"{ClientHarness.Api}phonecalls(7eb682f1-ca75-e511-80d4-00155d2a68d1)")));

        var id = await h.Client.CreatePhoneCallAsync(OutgoingToContact);

        Assert.Equal(Guid.Parse("7eb682f1-ca75-e511-80d4-00155d2a68d1"), id);
    }

    [Fact]
    public async Task CreatePhoneCallAsync_IncomingFromLead_CustomerIsFromAndRepIsTo()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Empty(
            HttpStatusCode.NoContent, ("OData-EntityId", $"{ClientHarness.Api}phonecalls(7eb682f1-ca75-e511-80d4-00155d2a68d1)")));

        await h.Client.CreatePhoneCallAsync(new NewPhoneCall(
            RowReference.Lead(LeadId), RepId, RowReference.Lead(LeadId), "Inbound call", "+442079460958", Outgoing: false));

        ClientHarness.AssertJsonBody(h.Single, """
            {
              "subject": "Inbound call",
              "phonenumber": "+442079460958",
              "directioncode": false,
              "regardingobjectid_lead_phonecall@odata.bind": "/leads(2728bcb4-bb27-ed11-9db1-002248274ada)",
              "phonecall_activity_parties": [
                { "partyid_lead@odata.bind": "/leads(2728bcb4-bb27-ed11-9db1-002248274ada)", "participationtypemask": 1 },
                { "partyid_systemuser@odata.bind": "/systemusers(4026be43-6b69-e111-8f65-78e7d1620f5e)", "participationtypemask": 2 }
              ]
            }
            """);
    }

    [Fact]
    public async Task CreatePhoneCallAsync_RegardingContact_BindsContactNavigationProperty()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Empty(
            HttpStatusCode.NoContent, ("OData-EntityId", $"{ClientHarness.Api}phonecalls(7eb682f1-ca75-e511-80d4-00155d2a68d1)")));

        await h.Client.CreatePhoneCallAsync(OutgoingToContact with { Regarding = RowReference.Contact(ContactId) });

        Assert.Contains("\"regardingobjectid_contact_phonecall@odata.bind\":\"/contacts(0928bcb4-bb27-ed11-9db1-002248274ada)\"", h.Single.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePhoneCallAsync_RegardingAnUnsupportedTable_ThrowsBeforeSending()
    {
        using var h = new ClientHarness();
        var account = new RowReference(new DataverseTable("account", "accounts"), Guid.NewGuid());

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreatePhoneCallAsync(OutgoingToContact with { Regarding = account }));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreatePhoneCallAsync(OutgoingToContact with { Customer = RowReference.Opportunity(OpportunityId) }));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreatePhoneCallAsync(OutgoingToContact with { Rep = Guid.Empty }));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task CreatePhoneCallAsync_NeitherRowNorEntityId_ThrowsDataverseException()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Empty(HttpStatusCode.NoContent, ("REQ_ID", "5d6fc6a9-7a5a-4c3d-9b1a-4d8e7f3c2b10")));

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.CreatePhoneCallAsync(OutgoingToContact));

        Assert.Equal(204, e.Status);
        Assert.Equal("5d6fc6a9-7a5a-4c3d-9b1a-4d8e7f3c2b10", e.RequestId);
        Assert.Contains("OData-EntityId", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdatePhoneCallAsync_Recording_PatchesOnlyGivenColumnsWithIfMatchStar()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Empty(HttpStatusCode.NoContent));
        var callId = Guid.Parse("7eb682f1-ca75-e511-80d4-00155d2a68d1");

        await h.Client.UpdatePhoneCallAsync(callId, new PhoneCallRecording(
            RecordingUrl: "https://media.example.com/recordings/RE123",
            RecordedSeconds: 312,
            ConsentSummary: "Disclosure v3 played; customer pressed 1 (consent).",
            Decision: "record",
            DecisionReasons: "US-CA all-party: consent obtained"));

        var request = h.Single;
        Assert.Equal("PATCH", request.Method);
        Assert.Equal($"{ClientHarness.Api}phonecalls(7eb682f1-ca75-e511-80d4-00155d2a68d1)", request.Uri);
        ClientHarness.AssertODataHeaders(request);
        Assert.Equal("*", request.Header("If-Match"));
        ClientHarness.AssertJsonBody(request, """
            {
              "crr_recordingurl": "https://media.example.com/recordings/RE123",
              "crr_recordedseconds": 312,
              "crr_consentsummary": "Disclosure v3 played; customer pressed 1 (consent).",
              "crr_decision": "record",
              "crr_decisionreasons": "US-CA all-party: consent obtained"
            }
            """);
    }

    [Fact]
    public async Task ClosePhoneCallAsync_EndedCall_PatchesSummaryLengthInMinutesAndCompletedMadeState()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Empty(HttpStatusCode.NoContent));

        await h.Client.ClosePhoneCallAsync(Guid.Parse("7eb682f1-ca75-e511-80d4-00155d2a68d1"), 61, new PhoneCallRecording(ConsentSummary: "Decision: do-not-record (US-CA).", Decision: "do-not-record"));

        var request = h.Single;
        Assert.Equal(("PATCH", $"{ClientHarness.Api}phonecalls(7eb682f1-ca75-e511-80d4-00155d2a68d1)", "*"), (request.Method, request.Uri, request.Header("If-Match")));
        ClientHarness.AssertJsonBody(request, """
            {
              "crr_consentsummary": "Decision: do-not-record (US-CA).",
              "crr_decision": "do-not-record",
              "actualdurationminutes": 2,
              "statecode": 1,
              "statuscode": 2
            }
            """);
    }

    [Fact]
    public async Task UpdatePhoneCallAsync_OnlyDecision_LeavesOtherColumnsOut()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Empty(HttpStatusCode.NoContent));

        await h.Client.UpdatePhoneCallAsync(Guid.Parse("7eb682f1-ca75-e511-80d4-00155d2a68d1"), new PhoneCallRecording(Decision: "do-not-record"));

        ClientHarness.AssertJsonBody(h.Single, """{ "crr_decision": "do-not-record" }""");
    }

    [Fact]
    public async Task UpdatePhoneCallAsync_NothingToWrite_ThrowsBeforeSending()
    {
        using var h = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.UpdatePhoneCallAsync(Guid.NewGuid(), new PhoneCallRecording()));

        Assert.Empty(h.Handler.Requests);
    }
}
