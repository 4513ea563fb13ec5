using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmRecording.Dataverse;
using CrmRecording.Plugins;
using CrmRecording.Service.Outbox;
using CrmRecording.Testing;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Service.Tests.Webhooks;

public sealed class DataverseWebhookTests : IDisposable
{
    private const string Key = "test-webhook-key-0123456789abcdef";
    private static readonly Guid Rep = Guid.Parse("75c2dd85-e89e-e711-8122-000d3aa2331c");
    private readonly FakeCrm _crm = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceFactory _factory;

    public DataverseWebhookTests()
    {
        _factory = new ServiceFactory { Crm = _crm, Time = _clock };
        _factory.Settings["Dataverse:WebhookKey"] = Key;
        _crm.UserRegions[Rep] = "US-TX";
    }

    public void Dispose() => _factory.Dispose();

    private static string Body(string message, string table, Guid id, int stage, int mode, string targetAttributes, string? requestId = null) => $$"""
        {
          "BusinessUnitId": "e2b9dd85-e89e-e711-8122-000d3aa2331c",
          "CorrelationId": "b374239d-4233-41a9-8b17-a86cb4f737b5",
          "Depth": 1,
          "InitiatingUserId": "{{Rep}}",
          "InputParameters": [{ "key": "Target", "value": {
              "__type": "Entity:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts",
              "Attributes": [{{targetAttributes}}],
              "EntityState": null, "FormattedValues": [], "Id": "{{id}}", "KeyAttributes": [], "LogicalName": "{{table}}", "RelatedEntities": [], "RowVersion": null } }],
          "IsExecutingOffline": false, "IsInTransaction": {{(mode == 0 ? "true" : "false")}}, "IsOfflinePlayback": false, "IsolationMode": 1,
          "MessageName": "{{message}}", "Mode": {{mode}},
          "OperationCreatedOn": "\/Date(1506409448000-0700)\/",
          "OperationId": "{{requestId ?? Guid.NewGuid().ToString()}}",
          "OrganizationId": "4ef5b371-e89e-e711-8122-000d3aa2331c", "OrganizationName": "OrgName",
          "OutputParameters": [], "PostEntityImages": [], "PreEntityImages": [],
          "PrimaryEntityId": "{{id}}", "PrimaryEntityName": "{{table}}",
          "SecondaryEntityName": "none", "SharedVariables": [], "Stage": {{stage}},
          "UserId": "{{Rep}}"
        }
        """;

    private async Task<HttpResponseMessage> PostAsync(string body, string? key = Key, bool header = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, key is null || header ? "/webhooks/dataverse" : $"/webhooks/dataverse?code={Uri.EscapeDataString(key)}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (header && key is not null)
        {
            request.Headers.Add("x-crr-webhook-key", key);
        }

        return await _factory.CreateClient().SendAsync(request);
    }

    /// <summary>An asynchronous enrichment step for an update of one column, queued.</summary>
    private async Task PostUpdateAsync(Guid contact, string column, string value)
    {
        using var response = await PostAsync(Body("Update", "contact", contact, 40, 1, $$"""{ "key": "{{column}}", "value": "{{value}}" }"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<int> RunOutboxAsync() =>
        await _factory.Services.GetRequiredService<OutboxWorker>().RunOnceAsync(CancellationToken.None);

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task Post_MissingOrWrongKey_Is401(string? key)
    {
        var response = await PostAsync(Body("Update", "contact", Guid.NewGuid(), 40, 1, ""), key);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_KeyInTheConfiguredHeader_IsAccepted()
    {
        var response = await PostAsync(Body("Delete", "account", Guid.NewGuid(), 40, 1, ""), Key, header: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{ not json", "JSON")]
    [InlineData("{\"MessageName\":\"Update\"}", "PrimaryEntityName")]
    [InlineData("[]", "object")]
    public async Task Post_MalformedBody_Is400WithAReason(string body, string mentioned)
    {
        var response = await PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_Oversize_Is413()
    {
        var response = await PostAsync(new string(' ', 2 * 1024 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_SyncGateForDeclinedContact_Is400WithTheRepsMessage()
    {
        var contact = Guid.NewGuid();
        _crm.Contacts[contact] = FakeCrm.Contact(contact, phone: "+1 512 555 0100", state: "TX", consent: "declined", consentDate: new DateOnly(2026, 1, 5));
        var target = $$"""
            { "key": "crr_recordingrequested", "value": true },
            { "key": "regardingobjectid", "value": { "__type": "EntityReference:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts", "Id": "{{contact}}", "KeyAttributes": [], "LogicalName": "contact", "Name": null, "RowVersion": null } }
            """;
        var response = await PostAsync(Body("Create", "phonecall", Guid.NewGuid(), 20, 0, target));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("This call can't be recorded: the customer declined recording", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AsyncEnrichment_IsQueuedThenRunByTheOutbox_AndARepeatedDeliveryIsANoOp()
    {
        var contact = Guid.NewGuid();
        _crm.Contacts[contact] = FakeCrm.Contact(contact, phone: "(702) 555-0100", state: "TX", owner: Rep);
        var body = Body("Update", "contact", contact, 40, 1, """{ "key": "telephone1", "value": "(702) 555-0100" }""", requestId: "4af10637-4ea2-e711-8122-000d3aa2331c");

        var first = await PostAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var again = await PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        Assert.Equal(1, await RunOutboxAsync());
        var written = Assert.Single(_crm.Enrichments);
        Assert.Equal(contact, written.Id);
        Assert.Equal("record-after-consent", written.Enrichment.Decision);
        Assert.Equal(0, await _factory.Services.GetRequiredService<IOutbox>().PendingAsync());
    }

    [Fact]
    public async Task Outbox_TwoChangesOfOneContact_AreCoalescedIntoOneWriteOfTheNewest()
    {
        var contact = Guid.NewGuid();
        _crm.Contacts[contact] = FakeCrm.Contact(contact, phone: "+1 415 555 0142", state: "CA", owner: Rep);
        await PostUpdateAsync(contact, "telephone1", "+1 415 555 0142");
        _clock.Advance(TimeSpan.FromSeconds(1));
        _crm.Contacts[contact] = FakeCrm.Contact(contact, phone: "+1 512 555 0142", state: "TX", owner: Rep);
        await PostUpdateAsync(contact, "telephone1", "+1 512 555 0142");

        Assert.Equal(2, await RunOutboxAsync());

        var written = Assert.Single(_crm.Enrichments);
        Assert.Contains("US-TX", written.Enrichment.Jurisdictions, StringComparison.Ordinal);
        Assert.DoesNotContain("US-CA", written.Enrichment.Jurisdictions, StringComparison.Ordinal);
        Assert.Equal(0, await _factory.Services.GetRequiredService<IOutbox>().PendingAsync());
    }

    [Fact]
    public async Task Outbox_ChangeReceivedBeforeTheLastEnrichmentReadTheRow_IsNotWrittenAgain()
    {
        var contact = Guid.NewGuid();
        _crm.Contacts[contact] = FakeCrm.Contact(contact, phone: "+1 512 555 0142", state: "TX", owner: Rep);
        await PostUpdateAsync(contact, "telephone1", "+1 512 555 0142");
        Assert.Equal(1, await RunOutboxAsync());

        // Another delivery received at the same instant the enrichment read the row: what it reports is already written.
        await PostUpdateAsync(contact, "address1_stateorprovince", "TX");
        Assert.Equal(1, await RunOutboxAsync());
        _clock.Advance(TimeSpan.FromSeconds(1));
        await PostUpdateAsync(contact, "mobilephone", "+1 512 555 0199");
        Assert.Equal(1, await RunOutboxAsync());

        Assert.Equal(2, _crm.Enrichments.Count);
    }

    [Fact]
    public async Task Outbox_CrmOutage_IsRetriedUntilItSucceeds_NothingLost()
    {
        var contact = Guid.NewGuid();
        _crm.Contacts[contact] = FakeCrm.Contact(contact, phone: "+1 415 555 0142", state: "CA");
        _crm.FailNextWrites = 2;
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Body("Create", "contact", contact, 40, 1, ""))).StatusCode);
        var outbox = _factory.Services.GetRequiredService<IOutbox>();

        Assert.Equal(1, await RunOutboxAsync());            // attempt 1: Dataverse answers 503
        Assert.Equal(0, await RunOutboxAsync());            // waiting out its backoff
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await RunOutboxAsync());            // attempt 2: still down
        Assert.Empty(_crm.Enrichments);
        Assert.Equal(1, await outbox.PendingAsync());

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await RunOutboxAsync());            // attempt 3: back up
        Assert.Equal(contact, Assert.Single(_crm.Enrichments).Id);
        Assert.Equal(0, await outbox.PendingAsync());
        Assert.Equal(0, await RunOutboxAsync());
    }

    [Fact]
    public void Backoff_GrowsExponentiallyHonoursRetryAfterAndIsCapped()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), OutboxWorker.Backoff(1, null));
        Assert.Equal(TimeSpan.FromSeconds(16), OutboxWorker.Backoff(4, null));
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxWorker.Backoff(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromHours(1), OutboxWorker.Backoff(40, null));
    }
}
