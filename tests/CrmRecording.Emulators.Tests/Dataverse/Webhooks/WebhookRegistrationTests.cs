using System.Net;
using CrmRecording.Dataverse.Webhooks;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Emulators.Tests.Dataverse.Webhooks;

/// <summary>Registering a webhook through the Web API, as <c>crmrec dataverse register</c> will, and depth across write-backs.</summary>
public sealed class WebhookRegistrationTests : IAsyncLifetime
{
    private WebhookSession hooks = null!;

    public async Task InitializeAsync() => hooks = await WebhookSession.StartAsync(o => o.MaxDepth = 3);

    public async Task DisposeAsync() => await hooks.DisposeAsync();

    [Fact]
    public async Task RegisterThroughWebApi_EndpointStepAndImage_FireOnCreate()
    {
        var session = hooks.Session;
        using var endpoint = await session.SendAsync(HttpMethod.Post, "serviceendpoints", $$"""
            {"name":"CrmRecording media service","contract":8,"connectionmode":1,"url":"{{WebhookSession.ServiceUrl}}","authtype":4,"authvalue":"key-9"}
            """);
        var endpointId = endpoint.Headers.GetValues("OData-EntityId").Single()[^37..^1];
        using var step = await session.SendAsync(HttpMethod.Post, "sdkmessageprocessingsteps", $$"""
            {
              "name": "CrmRecording: enrich contact on create",
              "stage": 40, "mode": 1, "rank": 1, "supporteddeployment": 0,
              "sdkmessageid@odata.bind": "/sdkmessages({{SeedData.Messages.Create}})",
              "sdkmessagefilterid@odata.bind": "/sdkmessagefilters({{SeedData.MessageFilterId("Create", "contact")}})",
              "eventhandler_serviceendpoint@odata.bind": "/serviceendpoints({{endpointId}})"
            }
            """);
        var stepId = step.Headers.GetValues("OData-EntityId").Single()[^37..^1];
        using var image = await session.SendAsync(HttpMethod.Post, "sdkmessageprocessingstepimages", $$"""
            {"name":"PostImage","entityalias":"PostImage","imagetype":1,"messagepropertyname":"Id","attributes":"fullname,telephone1",
             "sdkmessageprocessingstepid@odata.bind":"/sdkmessageprocessingsteps({{stepId}})"}
            """);
        using var registered = await session.GetAsync($"serviceendpoints({endpointId})/serviceendpoint_sdkmessageprocessingstep?$select=name,stage,mode");

        using var created = await session.SendAsync(HttpMethod.Post, "contacts", """{"firstname":"Lina","lastname":"Novak","telephone1":"+12025550142"}""");
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.NoContent, image.StatusCode);
        Assert.Equal("CrmRecording: enrich contact on create", Assert.Single((await StandInSession.JsonAsync(registered)).GetProperty("value").EnumerateArray()).GetProperty("name").GetString());
        var webhook = Assert.Single(hooks.Receiver.Received);
        Assert.Equal("key-9", System.Web.HttpUtility.ParseQueryString(webhook.Url.Query)["code"]);
        var context = RemoteExecutionContextReader.Read(webhook.Body).Context!;
        Assert.Equal(Guid.Parse(stepId), context.OwningExtension!.Id);
        var post = context.PostEntityImages["PostImage"];
        Assert.Equal("Lina Novak", post.Attributes["fullname"]);
        Assert.Equal("+12025550142", post.Attributes["telephone1"]);
        Assert.Equal(2, post.Attributes.Count);
    }

    [Fact]
    public async Task WriteBackWithCorrelationHeader_RunsOneLevelDeeperUntilTheDepthLimit()
    {
        hooks.Register(new Emulators.Dataverse.Webhooks.WebhookStep("Update", "contact", Emulators.Dataverse.Webhooks.StepStage.PostOperation, Emulators.Dataverse.Webhooks.StepMode.Asynchronous, ["firstname"]));
        hooks.Receiver.Default = async webhook =>
        {
            // A handler that (wrongly) writes a filtered column back, passing the correlation id on.
            using var writeBack = await hooks.Session.SendAsync(
                HttpMethod.Patch,
                $"contacts({SeedData.Contacts.CaliforniaMobile})",
                """{"firstname":"Ana!"}""",
                ("If-Match", "*"),
                ("x-ms-correlation-request-id", webhook.Headers["x-ms-correlation-request-id"]));
            return new HttpResponseMessage(HttpStatusCode.OK);
        };

        using var response = await hooks.Session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.CaliforniaMobile})", """{"firstname":"Ana"}""", ("If-Match", "*"));
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        // Deliveries are journaled when they finish, and an outer one finishes after the write it caused.
        var deliveries = hooks.StandIn.Webhooks.All.OrderBy(d => d.Depth).ToList();
        Assert.Equal([1, 2, 3, 4], deliveries.Select(d => d.Depth));
        Assert.Single(deliveries.Select(d => d.CorrelationId).Distinct());
        Assert.Equal(3, hooks.Receiver.Received.Count);
        Assert.Contains("Depth 4 exceeds 3", deliveries[^1].SkippedBecause, StringComparison.Ordinal);
        Assert.Empty(deliveries[^1].Attempts);
        Assert.Equal([1, 2, 3], hooks.Receiver.Received.Select(r => RemoteExecutionContextReader.Read(r.Body).Context!.Depth).Order());
    }

    [Fact]
    public async Task WriteBackOfUnfilteredColumns_DoesNotTriggerAgain()
    {
        hooks.Register(new Emulators.Dataverse.Webhooks.WebhookStep("Update", "contact", Emulators.Dataverse.Webhooks.StepStage.PostOperation, Emulators.Dataverse.Webhooks.StepMode.Asynchronous, ["telephone1", "mobilephone"]));
        hooks.Receiver.Default = async webhook =>
        {
            using var writeBack = await hooks.Session.SendAsync(
                HttpMethod.Patch,
                $"contacts({SeedData.Contacts.CaliforniaMobile})",
                """{"crr_devicetype":"mobile","crr_lastenriched":"2025-02-01T10:00:00Z"}""",
                ("If-Match", "*"),
                ("x-ms-correlation-request-id", webhook.Headers["x-ms-correlation-request-id"]));
            return new HttpResponseMessage(HttpStatusCode.OK);
        };

        using var response = await hooks.Session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.CaliforniaMobile})", """{"mobilephone":"+14155550177"}""", ("If-Match", "*"));
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        Assert.Single(hooks.Receiver.Received);
        Assert.Equal("mobile", hooks.StandIn.GetRow("contacts", SeedData.Contacts.CaliforniaMobile)!["crr_devicetype"]!.GetValue<string>());
    }
}
