using System.Net;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Service.Webhooks;
using CrmRecording.Testing;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.DependencyInjection;
using static CrmRecording.Service.Tests.Webhooks.SalesforceEnvelopes;

namespace CrmRecording.Service.Tests.Webhooks;

/// <summary><c>POST /webhooks/salesforce/{secret}</c>: who may send, what is read, and when Salesforce is acknowledged.</summary>
public sealed class SalesforceWebhookTests : IDisposable
{
    private const string Secret = "sf-notification-secret-0123456789";
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly ServiceFactory _factory;

    public SalesforceWebhookTests()
    {
        _factory = new ServiceFactory { Crm = new FakeCrm() };
        _factory.Settings["Salesforce:NotificationSecret"] = Secret;
    }

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string xml, string secret = Secret)
    {
        using var response = await _factory.CreateClient().PostAsync($"/webhooks/salesforce/{Uri.EscapeDataString(secret)}", Content(xml));
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<int> PendingAsync() => _factory.Services.GetRequiredService<IOutbox>().PendingAsync();

    private static string Ana(string notificationId, DateTimeOffset changedAt, string state = "CA") =>
        Contact(notificationId, SalesforceSeed.Contacts.CaliforniaMobile, changedAt, "+1 415 555 0101", state);

    [Fact]
    public async Task Post_TwoNotifications_AcknowledgedOnceBothAreQueued_AndTheSameMessageAgainQueuesNothing()
    {
        var message = Message(Ana("04lSd0000000001AAA", Monday) + Contact("04lSd0000000002AAA", SalesforceSeed.Contacts.TexasLandline, Monday, "+1 512 555 0102", "TX"));

        var first = await PostAsync(message);
        var pendingAfterFirst = await PendingAsync();
        var again = await PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.True(IsAck(first.Body));
        Assert.Equal(2, pendingAfterFirst);
        Assert.True(IsAck(again.Body));
        Assert.Equal(2, await PendingAsync());
    }

    [Fact]
    public async Task Post_OrgIdInItsFifteenCharacterForm_IsTheSameOrg()
    {
        var response = await PostAsync(Message(Ana("04lSd0000000003AAA", Monday), organizationId: SalesforceSeed.OrganizationId[..15]));

        Assert.True(IsAck(response.Body));
        Assert.Equal(1, await PendingAsync());
    }

    [Theory]
    [InlineData("wrong-secret-0123456789abcdefgh")]
    [InlineData("sf-notification-secret-012345678")]
    public async Task Post_WrongSecret_Is403Fault_AndNothingQueued(string secret)
    {
        var response = await PostAsync(Message(Ana("04lSd0000000004AAA", Monday)), secret);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("Not authorised: the endpoint's secret is wrong.", FaultString(response.Body));
        Assert.Equal(0, await PendingAsync());
    }

    [Fact]
    public async Task Post_DocumentedSampleFromAnotherOrg_Is403Fault()
    {
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Webhooks", "sf-outbound-message-notifications.xml"));

        var response = await PostAsync(sample);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Contains("an org this service does not serve", FaultString(response.Body), StringComparison.Ordinal);
        Assert.Equal(0, await PendingAsync());
    }

    [Theory]
    [InlineData("<soapenv:Envelope", "not well-formed XML")]
    [InlineData("{\"Id\":\"003\"}", "not well-formed XML")]
    [InlineData("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body/></soapenv:Envelope>", "notifications element")]
    public async Task Post_Malformed_Is400FaultWithTheReason(string body, string reason)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(reason, FaultString(response.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AccountNotification_Is400Fault_AndNoneOfTheMessageIsQueued()
    {
        var message = Message(Ana("04lSd0000000005AAA", Monday) + Contact("04lSd0000000006AAA", SalesforceSeed.Accounts.Contoso, Monday, "+1 415 555 0100", "CA", type: "Account"));

        var response = await PostAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Notification 2 is about a Account; only Contact and Lead changes are enriched.", FaultString(response.Body));
        Assert.Equal(0, await PendingAsync());
    }

    [Fact]
    public async Task Post_NotificationWithoutModstamp_Is400FaultNamingTheFields()
    {
        var message = Message(Ana("04lSd0000000007AAA", Monday).Replace("<sf:LastModifiedDate>2026-11-23T09:00:00.000Z</sf:LastModifiedDate>", string.Empty, StringComparison.Ordinal)
            .Replace("<sf:SystemModstamp>2026-11-23T09:00:00.000Z</sf:SystemModstamp>", string.Empty, StringComparison.Ordinal));

        var response = await PostAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("neither SystemModstamp nor LastModifiedDate", FaultString(response.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Oversize_Is413Fault()
    {
        var response = await PostAsync(Message(Ana("04lSd0000000008AAA", Monday) + new string(' ', 2 * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.NotNull(FaultString(response.Body));
    }

    [Fact]
    public async Task Post_ChangeNoNewerThanTheEnrichedOne_IsAcknowledgedAndDropped()
    {
        var marks = _factory.Services.GetRequiredService<IChangeMarks>();
        await marks.AdvanceMarksAsync(new Dictionary<string, DateTimeOffset> { [SalesforceNotificationJob.MarkKey("Contact", SalesforceSeed.Contacts.CaliforniaMobile)] = Monday.AddMinutes(5) });

        var older = await PostAsync(Message(Ana("04lSd0000000009AAA", Monday.AddMinutes(4))));
        var same = await PostAsync(Message(Ana("04lSd0000000010AAA", Monday.AddMinutes(5))));
        var pendingBeforeNewer = await PendingAsync();
        var newer = await PostAsync(Message(Ana("04lSd0000000011AAA", Monday.AddMinutes(6))));

        Assert.True(IsAck(older.Body) && IsAck(same.Body) && IsAck(newer.Body));
        Assert.Equal(0, pendingBeforeNewer);
        Assert.Equal(1, await PendingAsync());
    }

    [Fact]
    public async Task Post_OutboxStoreKilled_IsAFaultSalesforceRetries_NotAnAck()
    {
        Assert.True(IsAck((await PostAsync(Message(Ana("04lSd0000000012AAA", Monday)))).Body));
        await ((IAsyncDisposable)_factory.Services.GetRequiredService<IMetadataStore>()).DisposeAsync();

        var response = await PostAsync(Message(Ana("04lSd0000000013AAA", Monday.AddMinutes(1))));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.False(IsAck(response.Body));
        Assert.Equal("The notifications could not be stored; send them again later.", FaultString(response.Body));
        Assert.Contains("<faultcode>soapenv:Server</faultcode>", response.Body, StringComparison.Ordinal);
    }
}
