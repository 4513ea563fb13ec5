using System.Text.Json;
using CrmRecording.Dataverse.Webhooks;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Dataverse.Webhooks;

namespace CrmRecording.Emulators.Tests.Dataverse.Webhooks;

/// <summary>
/// The RemoteExecutionContext the stand-in posts, compared member by member with Microsoft's documented
/// sample (an asynchronous PostOperation step on Update of contact), and read back by the production reader.
/// </summary>
public sealed class WebhookBodyTests : IAsyncLifetime
{
    private static readonly JsonElement Sample = JsonDocument.Parse(DocumentedSamples.ContactUpdateWebhookBody).RootElement.Clone();
    private WebhookSession hooks = null!;

    public async Task InitializeAsync() => hooks = await WebhookSession.StartAsync();

    public async Task DisposeAsync() => await hooks.DisposeAsync();

    [Fact]
    public async Task UpdateContact_AsyncPostOperation_HasTheDocumentedSampleStructure()
    {
        var stepId = hooks.Register(new WebhookStep("Update", "contact", StepStage.PostOperation, StepMode.Asynchronous, ["firstname", "lastname"]));

        using var response = await hooks.Session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.CaliforniaMobile})", """{"firstname":"James"}""", ("If-Match", "*"));
        var body = await hooks.SingleBodyAsync();

        Assert.Equal(Names(Sample).Append("InitiatingUserAzureActiveDirectoryObjectId").Order(StringComparer.Ordinal), Names(body));
        Assert.Equal("Update", body.GetProperty("MessageName").GetString());
        Assert.Equal(1, body.GetProperty("Mode").GetInt32());
        Assert.Equal(40, body.GetProperty("Stage").GetInt32());
        Assert.Equal(1, body.GetProperty("Depth").GetInt32());
        Assert.Equal("contact", body.GetProperty("PrimaryEntityName").GetString());
        Assert.Equal(SeedData.Contacts.CaliforniaMobile.ToString(), body.GetProperty("PrimaryEntityId").GetString());
        Assert.Equal(SeedData.Users.Application.ToString(), body.GetProperty("UserId").GetString());
        Assert.Equal(stepId.ToString(), body.GetProperty("OwningExtension").GetProperty("Id").GetString());
        Assert.Equal(Names(Sample.GetProperty("OwningExtension")), Names(body.GetProperty("OwningExtension")));
        Assert.Matches(@"^/Date\(\d+[+-]\d{4}\)/$", body.GetProperty("OperationCreatedOn").GetString()!);

        var target = Parameter(body.GetProperty("InputParameters"), "Target");
        var sampleTarget = Parameter(Sample.GetProperty("InputParameters"), "Target");
        Assert.Equal(Names(sampleTarget), Names(target));
        Assert.Equal(sampleTarget.GetProperty("__type").GetString(), target.GetProperty("__type").GetString());
        var attributes = Attributes(target);
        Assert.Equal("James", attributes["firstname"].GetString());
        Assert.Equal("James Reyes", attributes["fullname"].GetString());
        Assert.Equal(SeedData.Contacts.CaliforniaMobile.ToString(), attributes["contactid"].GetString());
        Assert.Matches(@"^/Date\(\d+\)/$", attributes["modifiedon"].GetString()!);
        Assert.Equal(JsonValueKind.Null, attributes["modifiedonbehalfby"].ValueKind);
        Assert.Equal(Names(Attributes(sampleTarget)["modifiedby"]), Names(attributes["modifiedby"]));
        Assert.Equal("systemuser", attributes["modifiedby"].GetProperty("LogicalName").GetString());

        var image = Parameter(body.GetProperty("PostEntityImages"), "AsynchronousStepPrimaryName");
        var sampleImage = Parameter(Sample.GetProperty("PostEntityImages"), "AsynchronousStepPrimaryName");
        Assert.Equal(Names(sampleImage), Names(image));
        Assert.Equal(Attributes(sampleImage).Keys.Order(), Attributes(image).Keys.Order());

        var parent = body.GetProperty("ParentContext");
        Assert.Equal(Names(Sample.GetProperty("ParentContext")).Append("InitiatingUserAzureActiveDirectoryObjectId").Order(StringComparer.Ordinal), Names(parent));
        Assert.Equal(30, parent.GetProperty("Stage").GetInt32());
        Assert.Equal(body.GetProperty("CorrelationId").GetString(), parent.GetProperty("CorrelationId").GetString());
    }

    [Fact]
    public async Task UpdateContact_RawBody_EscapesSlashesAsTheDataContractSerializerDoes()
    {
        hooks.Register(new WebhookStep("Update", "contact", StepStage.PostOperation, StepMode.Asynchronous));

        using var response = await hooks.Session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.CaliforniaMobile})", """{"firstname":"James"}""", ("If-Match", "*"));
        await hooks.StandIn.Webhooks.WhenIdleAsync();
        var raw = Assert.Single(hooks.Receiver.Received).Body;

        Assert.Contains("\"__type\":\"Entity:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts\"", raw, StringComparison.Ordinal);
        Assert.Contains("\"\\/Date(", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateContact_ProductionReader_ReadsTheStandInBody()
    {
        hooks.Register(new WebhookStep("Update", "contact", StepStage.PostOperation, StepMode.Asynchronous));

        using var response = await hooks.Session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.CaliforniaMobile})", """{"firstname":"James"}""", ("If-Match", "*"));
        await hooks.StandIn.Webhooks.WhenIdleAsync();
        var result = RemoteExecutionContextReader.Read(Assert.Single(hooks.Receiver.Received).Body);

        Assert.True(result.IsValid, result.Error);
        var context = result.Context;
        Assert.Equal("Update", context.MessageName);
        Assert.Equal(SeedData.EntraObjectIds.Application, context.InitiatingUserAzureActiveDirectoryObjectId);
        Assert.Equal("James", context.TargetEntity!.Attributes["firstname"]);
        Assert.IsType<DateTimeOffset>(context.TargetEntity.Attributes["modifiedon"]);
        Assert.Equal(new WebhookEntityReference("systemuser", SeedData.Users.Application, null), context.TargetEntity.Attributes["modifiedby"]);
        Assert.Equal(30, context.ParentContext!.Stage);
        Assert.Equal("James Reyes", context.PostEntityImages["AsynchronousStepPrimaryName"].Attributes["fullname"]);
    }

    [Fact]
    public async Task Update_DeclaredColumns_AreTypedAsChoiceChoicesMoneyAndDate()
    {
        hooks.StandIn.DeclareColumn("contact", "crr_consentstatus", ColumnKind.Choice);
        hooks.StandIn.DeclareColumn("contact", "crr_channels", ColumnKind.Choices);
        hooks.Register(new WebhookStep("Update", "contact", StepStage.PostOperation, StepMode.Asynchronous));
        hooks.Register(new WebhookStep("Update", "opportunity", StepStage.PostOperation, StepMode.Asynchronous));

        using var contact = await hooks.Session.SendAsync(
            HttpMethod.Patch, $"contacts({SeedData.Contacts.Ontario})", """{"crr_consentstatus":3,"crr_channels":"1,2","crr_consentdate":"2025-03-04","numberofchildren":2}""", ("If-Match", "*"));
        using var opportunity = await hooks.Session.SendAsync(
            HttpMethod.Patch, $"opportunities({SeedData.Opportunities.FleetRenewal})", """{"estimatedvalue":51000.5}""", ("If-Match", "*"));
        await hooks.StandIn.Webhooks.WhenIdleAsync();
        var targets = hooks.Receiver.Received
            .Select(r => RemoteExecutionContextReader.Read(r.Body).Context!.TargetEntity!)
            .ToDictionary(t => t.LogicalName);

        Assert.Equal(new WebhookOptionSetValue(3), targets["contact"].Attributes["crr_consentstatus"]);
        Assert.Equal([new WebhookOptionSetValue(1), new WebhookOptionSetValue(2)], Assert.IsAssignableFrom<IEnumerable<WebhookOptionSetValue>>(targets["contact"].Attributes["crr_channels"]));
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 0, 0, 0, TimeSpan.Zero), targets["contact"].Attributes["crr_consentdate"]);
        Assert.Equal(2, Convert.ToInt32(targets["contact"].Attributes["numberofchildren"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new WebhookMoney(51000.5m), targets["opportunity"].Attributes["estimatedvalue"]);
    }

    [Fact]
    public async Task Update_PreImage_HoldsTheColumnsBeforeTheWrite()
    {
        hooks.Register(new WebhookStep("Update", "contact", StepStage.PostOperation, StepMode.Asynchronous, Images: [new WebhookStepImage("PreImage", StepImageType.PreImage, ["telephone1"])]));

        using var response = await hooks.Session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.TexasLandline})", """{"telephone1":"+12145550999"}""", ("If-Match", "*"));
        await hooks.StandIn.Webhooks.WhenIdleAsync();
        var context = RemoteExecutionContextReader.Read(Assert.Single(hooks.Receiver.Received).Body).Context!;

        var image = context.PreEntityImages["PreImage"];
        Assert.Equal("+12145550102", image.Attributes["telephone1"]);
        Assert.Equal(["telephone1"], image.Attributes.Keys);
        Assert.Equal("+12145550999", context.TargetEntity!.Attributes["telephone1"]);
    }

    [Fact]
    public async Task CreatePhoneCall_SyncPreOperation_TargetHasRegardingAndPartyLists()
    {
        hooks.Register(new WebhookStep("Create", "phonecall", StepStage.PreOperation, StepMode.Synchronous));

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "phonecalls", $$"""
            {
              "subject": "Renewal call", "directioncode": true,
              "regardingobjectid_opportunity_phonecall@odata.bind": "/opportunities({{SeedData.Opportunities.FleetRenewal}})",
              "phonecall_activity_parties": [
                { "partyid_systemuser@odata.bind": "/systemusers({{SeedData.Users.SalesRep}})", "participationtypemask": 1 },
                { "partyid_contact@odata.bind": "/contacts({{SeedData.Contacts.CaliforniaMobile}})", "participationtypemask": 2 }
              ]
            }
            """);
        var body = await hooks.SingleBodyAsync();
        var context = RemoteExecutionContextReader.Read(body.GetRawText()).Context!;

        Assert.Equal(20, context.Stage);
        Assert.Equal(0, context.Mode);
        Assert.True(body.GetProperty("IsInTransaction").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ParentContext").ValueKind);
        Assert.NotNull(context.RequestId);
        Assert.Empty(context.OutputParameters);
        var target = context.TargetEntity!;
        Assert.Equal(true, target.Attributes["directioncode"]);
        Assert.Equal(new WebhookEntityReference("opportunity", SeedData.Opportunities.FleetRenewal, null), target.Attributes["regardingobjectid"]);
        var from = Assert.Single(Assert.IsType<WebhookEntityCollection>(target.Attributes["from"]));
        var to = Assert.Single(Assert.IsType<WebhookEntityCollection>(target.Attributes["to"]));
        Assert.Equal(new WebhookEntityReference("systemuser", SeedData.Users.SalesRep, null), from.Attributes["partyid"]);
        Assert.Equal(new WebhookEntityReference("contact", SeedData.Contacts.CaliforniaMobile, null), to.Attributes["partyid"]);
    }

    [Fact]
    public async Task CreateContact_SyncPostOperation_OutputParametersCarryTheNewId()
    {
        hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Synchronous));

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Output"}""");
        var context = RemoteExecutionContextReader.Read((await hooks.SingleBodyAsync()).GetRawText()).Context!;

        var id = response.Headers.GetValues("OData-EntityId").Single()[^37..^1];
        Assert.Equal(id, context.OutputParameters["id"]);
        Assert.Equal(Guid.Parse(id), context.PrimaryEntityId);
    }

    [Fact]
    public async Task Delete_Target_IsAnEntityReference()
    {
        hooks.Register(new WebhookStep("Delete", "contact", StepStage.PostOperation, StepMode.Asynchronous));

        using var response = await hooks.Session.SendAsync(HttpMethod.Delete, $"contacts({SeedData.Contacts.TollFree})");
        var context = RemoteExecutionContextReader.Read((await hooks.SingleBodyAsync()).GetRawText()).Context!;

        Assert.Equal(new WebhookEntityReference("contact", SeedData.Contacts.TollFree, null), context.InputParameters["Target"]);
    }

    [Fact]
    public async Task CreateContact_BodyOver256KB_DropsParametersImagesAndParentAndSaysSo()
    {
        hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Asynchronous));

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", JsonSerializer.Serialize(new { lastname = "Large", description = new string('x', 300 * 1024) }));
        await hooks.StandIn.Webhooks.WhenIdleAsync();
        var webhook = Assert.Single(hooks.Receiver.Received);

        Assert.True(webhook.Headers.ContainsKey("x-ms-dynamics-msg-size-exceeded"));
        using var document = JsonDocument.Parse(webhook.Body);
        var names = Names(document.RootElement).ToList();
        Assert.DoesNotContain("InputParameters", names);
        Assert.DoesNotContain("ParentContext", names);
        Assert.DoesNotContain("PreEntityImages", names);
        Assert.DoesNotContain("PostEntityImages", names);
        var context = RemoteExecutionContextReader.Read(webhook.Body, sizeExceeded: true).Context!;
        Assert.True(context.Truncated);
        Assert.Equal("contact", context.PrimaryEntityName);
    }

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);

    private static JsonElement Parameter(JsonElement collection, string key) =>
        collection.EnumerateArray().Single(p => p.GetProperty("key").GetString() == key).GetProperty("value");

    private static Dictionary<string, JsonElement> Attributes(JsonElement entity) =>
        entity.GetProperty("Attributes").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value"));
}
