using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Dataverse.Webhooks;

namespace CrmRecording.Emulators.Tests.Dataverse.Webhooks;

/// <summary>
/// How the stand-in calls webhooks, per "Use webhooks" and "Register a WebHook": headers, the three
/// authentication options, filtering attributes, synchronous steps cancelling the write, the single retry.
/// </summary>
public sealed class WebhookCallerTests : IAsyncLifetime
{
    private WebhookSession hooks = null!;

    public async Task InitializeAsync() => hooks = await WebhookSession.StartAsync();

    public async Task DisposeAsync() => await hooks.DisposeAsync();

    [Fact]
    public async Task Delivery_CarriesTheDocumentedHeaders()
    {
        hooks.Register(new WebhookStep("Update", "contact", StepStage.PostOperation, StepMode.Asynchronous));

        using var response = await hooks.Session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.London})", """{"telephone1":"+442079460199"}""", ("If-Match", "*"));
        var body = await hooks.SingleBodyAsync();
        var webhook = hooks.Receiver.Received[0];

        Assert.Equal(HttpMethod.Post, webhook.Method);
        Assert.Equal(hooks.StandIn.BaseAddress.Host, webhook.Headers["x-ms-dynamics-organization"]);
        Assert.Equal("contact", webhook.Headers["x-ms-dynamics-entity-name"]);
        Assert.Equal("Update", webhook.Headers["x-ms-dynamics-request-name"]);
        Assert.Equal(body.GetProperty("CorrelationId").GetString(), webhook.Headers["x-ms-correlation-request-id"]);
        Assert.StartsWith("application/json", webhook.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.False(webhook.Headers.ContainsKey("x-ms-dynamics-msg-size-exceeded"));
    }

    [Fact]
    public async Task WebhookKey_AppendsCodeToTheUrl()
    {
        hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Asynchronous), WebhookAuthType.WebhookKey, "k/ey+1==", new Uri("https://media.contoso.example/webhooks/dataverse?tenant=west"));

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Key"}""");
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        var url = Assert.Single(hooks.Receiver.Received).Url;
        Assert.Equal("https://media.contoso.example/webhooks/dataverse?tenant=west&code=k%2Fey%2B1%3D%3D", url.AbsoluteUri);
        Assert.Equal(url, hooks.StandIn.Webhooks.All.Single().Url);
    }

    [Fact]
    public async Task HttpHeader_SendsEachSettingAsAHeader()
    {
        const string settings = """<settings><setting name="x-crr-webhook-key" value="s3cret" /><setting name="x-crr-environment" value="test" /></settings>""";
        hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Asynchronous), WebhookAuthType.HttpHeader, settings);

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Header"}""");
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        var webhook = Assert.Single(hooks.Receiver.Received);
        Assert.Equal("s3cret", webhook.Headers["x-crr-webhook-key"]);
        Assert.Equal("test", webhook.Headers["x-crr-environment"]);
        Assert.Equal(WebhookSession.ServiceUrl, webhook.Url);
    }

    [Fact]
    public async Task HttpQueryString_AddsEachPairToTheQuery()
    {
        hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Asynchronous), WebhookAuthType.HttpQueryString, "key: v 1\nregion=west");

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Query"}""");
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        Assert.Equal("?key=v%201&region=west", Assert.Single(hooks.Receiver.Received).Url.Query);
    }

    [Fact]
    public async Task FilteringAttributes_UpdateOfOtherColumns_DoesNotTrigger()
    {
        hooks.Register(new WebhookStep("Update", "contact", StepStage.PostOperation, StepMode.Asynchronous, ["telephone1", "mobilephone"]));

        using var other = await hooks.Session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.Ontario})", """{"crr_lastenriched":"2025-02-01T10:00:00Z"}""", ("If-Match", "*"));
        await hooks.StandIn.Webhooks.WhenIdleAsync();
        Assert.Empty(hooks.Receiver.Received);

        using var listed = await hooks.Session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.Ontario})", """{"mobilephone":"+14165550188","crr_lastenriched":"2025-02-01T10:00:00Z"}""", ("If-Match", "*"));
        await hooks.StandIn.Webhooks.WhenIdleAsync();
        Assert.Single(hooks.Receiver.Received);
    }

    [Fact]
    public async Task SyncPreOperation_Rejection_CancelsTheCreateWithTheWebhookMessage()
    {
        hooks.Register(new WebhookStep("Create", "phonecall", StepStage.PreOperation, StepMode.Synchronous));
        hooks.Receiver.AnswerNext(HttpStatusCode.BadRequest, """{"title":"Recording blocked","status":400,"detail":"Recording this call is not allowed: the customer declined recording on 2025-01-15."}""", "application/problem+json");

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "phonecalls", $$"""
            {"subject":"Call","phonecall_activity_parties":[{"partyid_contact@odata.bind":"/contacts({{SeedData.Contacts.DeclinedConsent}})","participationtypemask":2}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await StandInSession.JsonAsync(response)).GetProperty("error");
        Assert.Equal("0x80040265", error.GetProperty("code").GetString());
        Assert.Equal("Recording this call is not allowed: the customer declined recording on 2025-01-15.", error.GetProperty("message").GetString());
        Assert.Empty(hooks.StandIn.GetRows("phonecalls"));
        Assert.Empty(hooks.StandIn.GetRows("activityparties"));
    }

    [Fact]
    public async Task SyncPreValidation_RejectionOfUpdate_LeavesTheRowUnchanged()
    {
        hooks.Register(new WebhookStep("Update", "contact", StepStage.PreValidation, StepMode.Synchronous));
        hooks.Receiver.AnswerNext(HttpStatusCode.Conflict, "Do-not-record customers cannot be re-enabled here.", "text/plain");

        using var response = await hooks.Session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.DoNotRecord})", """{"crr_donotrecord":false}""", ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Do-not-record customers cannot be re-enabled here.", (await StandInSession.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString());
        Assert.True(hooks.StandIn.GetRow("contacts", SeedData.Contacts.DoNotRecord)!["crr_donotrecord"]!.GetValue<bool>());
        Assert.Equal(10, hooks.StandIn.Webhooks.All.Single().Stage);
    }

    [Fact]
    public async Task SyncPostOperation_Failure_RollsTheCreateBack()
    {
        hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Synchronous));
        hooks.Receiver.AnswerNext(HttpStatusCode.InternalServerError);

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"RolledBack"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(hooks.StandIn.GetRows("contacts"), r => r["lastname"]?.GetValue<string>() == "RolledBack");
    }

    [Fact]
    public async Task SyncRejection_WithoutSurfacedMessage_ShowsAGenericErrorNamingTheStep()
    {
        await using var documented = await WebhookSession.StartAsync(o => o.SurfaceWebhookMessage = false);
        documented.Register(new WebhookStep("Create", "phonecall", StepStage.PreOperation, StepMode.Synchronous, Name: "Recording gate"));
        documented.Receiver.AnswerNext(HttpStatusCode.BadRequest, """{"detail":"not shown"}""");

        using var response = await documented.Session.SendAsync(HttpMethod.Post, "phonecalls", """{"subject":"Call"}""");

        var message = (await StandInSession.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString();
        Assert.Equal("The webhook step 'Recording gate' failed: the endpoint media.contoso.example answered 400.", message);
    }

    [Fact]
    public async Task Async_503ThenSuccess_RetriesOnceAndRecordsASucceededSystemJob()
    {
        var stepId = hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Asynchronous));
        hooks.Receiver.AnswerNext(HttpStatusCode.ServiceUnavailable);

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Retry"}""");
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(2, hooks.Receiver.Received.Count);
        Assert.Equal(hooks.Receiver.Received[0].Body, hooks.Receiver.Received[1].Body);
        var delivery = hooks.StandIn.Webhooks.All.Single();
        Assert.Equal([503, 200], delivery.Attempts.Select(a => a.StatusCode!.Value));
        Assert.True(delivery.Succeeded);
        var job = hooks.StandIn.GetRows("asyncoperations").Single();
        Assert.Equal(30, job["statuscode"]!.GetValue<int>());
        Assert.Equal(stepId.ToString(), job["_owningextensionid_value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Async_503Twice_FailsAfterOneRetryAndRecordsAFailedSystemJob()
    {
        hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Asynchronous));
        hooks.Receiver.AnswerNext(HttpStatusCode.ServiceUnavailable);
        hooks.Receiver.AnswerNext(HttpStatusCode.GatewayTimeout);

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Retry"}""");
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var delivery = hooks.StandIn.Webhooks.All.Single();
        Assert.Equal([503, 504], delivery.Attempts.Select(a => a.StatusCode!.Value));
        Assert.False(delivery.Succeeded);
        using var jobs = await hooks.Session.GetAsync("asyncoperations?$filter=statuscode eq 31&$select=name,message");
        var job = Assert.Single((await StandInSession.JsonAsync(jobs)).GetProperty("value").EnumerateArray());
        Assert.Contains("answered 504", job.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Async_500_IsNotRetried()
    {
        hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Asynchronous));
        hooks.Receiver.AnswerNext(HttpStatusCode.InternalServerError);

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"NoRetry"}""");
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        Assert.Single(hooks.Receiver.Received);
        Assert.False(hooks.StandIn.Webhooks.All.Single().Succeeded);
    }

    [Fact]
    public async Task Async_UnreachableEndpoint_RecordsTheFailure()
    {
        hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Asynchronous));
        hooks.Receiver.AnswerNext(_ => throw new HttpRequestException("Connection refused"));

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Down"}""");
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        var attempt = hooks.StandIn.Webhooks.All.Single().Attempts.Single();
        Assert.Null(attempt.StatusCode);
        Assert.Contains("Connection refused", attempt.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledStep_IsNotCalled()
    {
        var stepId = hooks.Register(new WebhookStep("Create", "contact", StepStage.PostOperation, StepMode.Asynchronous));
        var step = hooks.StandIn.GetRow("sdkmessageprocessingsteps", stepId)!;
        step["statecode"] = 1;
        hooks.StandIn.PutRow("sdkmessageprocessingsteps", step);

        using var response = await hooks.Session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Quiet"}""");
        await hooks.StandIn.Webhooks.WhenIdleAsync();

        Assert.Empty(hooks.Receiver.Received);
    }
}
