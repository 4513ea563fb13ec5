using CrmRecording.Dataverse;
using CrmRecording.Dataverse.PhoneCalls;
using CrmRecording.Dataverse.Webhooks;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Dataverse.Webhooks;

namespace CrmRecording.Emulators.Tests.Dataverse.Client;

/// <summary>The production client creating phone calls with parties, notes and consent log rows on the stand-in.</summary>
public sealed class DataverseClientPhoneCallTests : IAsyncLifetime
{
    private readonly WebhookReceiver receiver = new();
    private ClientSession session = null!;

    public async Task InitializeAsync() => session = await ClientSession.StartAsync(new DataverseStandInOptions { WebhookHandler = receiver });

    public async Task DisposeAsync()
    {
        await session.DisposeAsync();
        receiver.Dispose();
    }

    [Fact]
    public async Task CreatePhoneCall_RegardingOpportunity_StoresTheCallAndBothParties()
    {
        var id = await session.Client.CreatePhoneCallAsync(NewCall());

        var call = session.StandIn.GetRow("phonecalls", id)!;
        Assert.Equal("Renewal call", call["subject"]!.GetValue<string>());
        Assert.True(call["directioncode"]!.GetValue<bool>());
        Assert.Equal(SeedData.Opportunities.FleetRenewal.ToString(), call["_regardingobjectid_value"]!.GetValue<string>());
        var parties = session.StandIn.GetRows("activityparties")
            .Where(p => p["_activityid_value"]!.GetValue<string>() == id.ToString())
            .Select(p => (p["participationtypemask"]!.GetValue<int>(), p["_partyid_value"]!.GetValue<string>(), p["_partyid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!.GetValue<string>()))
            .OrderBy(p => p.Item1);
        Assert.Equal([(1, SeedData.Users.SalesRep.ToString(), "systemuser"), (2, SeedData.Contacts.CaliforniaMobile.ToString(), "contact")], parties);

        var request = session.StandIn.Requests.All.Single();
        Assert.Equal("/api/data/v9.2/phonecalls?$select=activityid", Uri.UnescapeDataString(request.Url.PathAndQuery));
        Assert.Equal("return=representation", request.Header("Prefer"));
        Assert.Contains("\"regardingobjectid_opportunity_phonecall@odata.bind\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePhoneCall_ToMissingContact_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<DataverseException>(() =>
            session.Client.CreatePhoneCallAsync(NewCall() with { Customer = RowReference.Contact(Guid.NewGuid()) }));

        Assert.Equal(404, error.Status);
        Assert.Equal("0x80040217", error.ErrorCode);
        Assert.Empty(session.StandIn.GetRows("phonecalls"));
    }

    [Fact]
    public async Task CreatePhoneCall_GateRejects_SurfacesTheRepFacingReason()
    {
        var endpoint = session.StandIn.RegisterWebhookEndpoint(new WebhookEndpoint("media", new Uri("https://media.contoso.example/webhooks/dataverse"), WebhookAuthType.WebhookKey, "k"));
        session.StandIn.RegisterWebhookStep(endpoint, new WebhookStep("Create", "phonecall", StepStage.PreOperation, StepMode.Synchronous));
        receiver.AnswerNext(System.Net.HttpStatusCode.BadRequest, """{"detail":"This customer asked not to be recorded."}""", "application/problem+json");

        var error = await Assert.ThrowsAsync<DataverseException>(() => session.Client.CreatePhoneCallAsync(NewCall()));

        Assert.Equal(400, error.Status);
        Assert.Equal("0x80040265", error.ErrorCode);
        Assert.Equal("This customer asked not to be recorded.", error.ServerMessage);
        Assert.Empty(session.StandIn.GetRows("phonecalls"));
        var context = RemoteExecutionContextReader.Read(receiver.Received.Single().Body).Context!;
        var to = Assert.IsType<WebhookEntityCollection>(context.TargetEntity!.Attributes["to"]);
        Assert.Equal(new WebhookEntityReference("contact", SeedData.Contacts.CaliforniaMobile, null), to.Single().Attributes["partyid"]);
    }

    [Fact]
    public async Task UpdatePhoneCall_WritesRecordingColumns()
    {
        var id = await session.Client.CreatePhoneCallAsync(NewCall());

        await session.Client.UpdatePhoneCallAsync(id, new PhoneCallRecording(RecordingUrl: "https://vault.contoso.example/r/1", RecordedSeconds: 95, ConsentSummary: "Disclosure played; consent given by keypad."));

        var call = session.StandIn.GetRow("phonecalls", id)!;
        Assert.Equal(95, call["crr_recordedseconds"]!.GetValue<int>());
        Assert.Equal("Disclosure played; consent given by keypad.", call["crr_consentsummary"]!.GetValue<string>());
        Assert.Equal("*", session.StandIn.Requests.All[^1].Header("If-Match"));
    }

    [Fact]
    public async Task UpdatePhoneCall_Missing_ThrowsNotFoundAndCreatesNothing()
    {
        var error = await Assert.ThrowsAsync<DataverseException>(() => session.Client.UpdatePhoneCallAsync(Guid.NewGuid(), new PhoneCallRecording(RecordedSeconds: 1)));

        Assert.Equal(404, error.Status);
        Assert.Empty(session.StandIn.GetRows("phonecalls"));
    }

    [Fact]
    public async Task CreateNote_OnPhoneCall_BindsObjectId()
    {
        var callId = await session.Client.CreatePhoneCallAsync(NewCall());

        var noteId = await session.Client.CreateNoteAsync(RowReference.PhoneCall(callId), "Recording consent", "Disclosure played at 00:02; customer pressed 1.");

        var note = session.StandIn.GetRow("annotations", noteId)!;
        Assert.Equal(callId.ToString(), note["_objectid_value"]!.GetValue<string>());
        Assert.Equal("phonecall", note["_objectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!.GetValue<string>());
        Assert.Equal("Recording consent", note["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateConsentLog_BindsThePhoneCallAndKeepsTheEvidence()
    {
        var callId = await session.Client.CreatePhoneCallAsync(NewCall());
        var at = new DateTimeOffset(2025, 2, 3, 16, 4, 5, TimeSpan.Zero);

        var logId = await session.Client.CreateConsentLogAsync(new ConsentLogRow(callId, "consent-given", "yes", "keypad", "US-CA US", "2025.1", "CA0123456789abcdef", at));

        var log = session.StandIn.GetRow("crr_consentlogs", logId)!;
        Assert.Equal(callId.ToString(), log["_crr_phonecallid_value"]!.GetValue<string>());
        Assert.Equal("consent-given", log["crr_event"]!.GetValue<string>());
        Assert.Equal("keypad", log["crr_method"]!.GetValue<string>());
        Assert.Equal("2025-02-03T16:04:05Z", log["crr_at"]!.GetValue<string>());
    }

    private static NewPhoneCall NewCall() => new(
        RowReference.Opportunity(SeedData.Opportunities.FleetRenewal),
        SeedData.Users.SalesRep,
        RowReference.Contact(SeedData.Contacts.CaliforniaMobile),
        "Renewal call",
        "+14155550101");
}
