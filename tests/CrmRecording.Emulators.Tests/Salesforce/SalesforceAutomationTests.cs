using System.Text.Json.Nodes;
using System.Xml.Linq;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Salesforce;

namespace CrmRecording.Emulators.Tests.Salesforce;

/// <summary>The org's Contact and Lead flows: Outbound Messages as Salesforce sends them, retried until acknowledged; and the Task gate.</summary>
public sealed class SalesforceAutomationTests
{
    private static readonly XNamespace SObject = "urn:sobject.enterprise.soap.sforce.com";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static async Task<(SalesforceSession Session, OutboundListener Listener)> StartAsync()
    {
        var session = await SalesforceSession.StartAsync(o => o.OutboundMessageRetryBase = TimeSpan.FromMilliseconds(20));
        var listener = await OutboundListener.StartAsync();
        session.StandIn.OutboundMessages.Endpoint = listener.Address;
        return (session, listener);
    }

    private static JsonObject Phone(string phone) => new() { ["Phone"] = phone };

    [Fact]
    public async Task EditPhone_ByAUser_SendsOneNotificationWithTheRecordAsSaved()
    {
        var (s, listener) = await StartAsync();
        await using var _ = s;
        await using var __ = listener;

        s.StandIn.Edit("Contact", [(SalesforceSeed.Contacts.TexasLandline, Phone("+1 512 555 0199"))]);

        var message = await listener.NextAsync();
        Assert.Equal(SalesforceSeed.OrganizationId, OutboundListener.Text(message, "OrganizationId"));
        Assert.Equal("true", message.Descendants(XName.Get("SessionId", "http://soap.sforce.com/2005/09/outbound")).Single().Attribute(Xsi + "nil")?.Value);
        var sObject = Assert.Single(OutboundListener.Notifications(message)).Element(XName.Get("sObject", "http://soap.sforce.com/2005/09/outbound"))!;
        Assert.Equal("sf:Contact", sObject.Attribute(Xsi + "type")?.Value);
        Assert.Equal(SalesforceSeed.Contacts.TexasLandline, sObject.Element(SObject + "Id")?.Value);
        Assert.Equal("+1 512 555 0199", sObject.Element(SObject + "Phone")?.Value);
        Assert.Equal("TX", sObject.Element(SObject + "MailingStateCode")?.Value);
        Assert.EndsWith("Z", sObject.Element(SObject + "SystemModstamp")?.Value, StringComparison.Ordinal);
        await WaitAsync(() => s.StandIn.OutboundMessages.Pending == 0);
        Assert.Single(s.StandIn.OutboundMessages.Acknowledged);
    }

    [Fact]
    public async Task Edit_OutputFieldsOnlyOrSameValueOrByTheIntegrationUser_SendsNothing()
    {
        var (s, listener) = await StartAsync();
        await using var _ = s;
        await using var __ = listener;
        var texas = SalesforceSeed.Contacts.TexasLandline;
        var current = (string)s.StandIn.Record("Contact", texas)!["Phone"]!;

        s.StandIn.Edit("Contact", [(texas, new JsonObject { ["Recording_Decision__c"] = "record" })]);
        s.StandIn.Edit("Contact", [(texas, Phone(current))]);
        await s.Client.UpdateAsync("Contact", SalesforceId.Parse(texas), new Dictionary<string, object?> { ["Phone"] = "+1 512 555 0142" });
        s.StandIn.Edit("Lead", [(SalesforceSeed.Leads.SeattleProspect, Phone("+1 206 555 0143"))]);

        // The flow runs inside the save: only the lead's change was queued.
        Assert.Equal(1, s.StandIn.OutboundMessages.Pending + s.StandIn.OutboundMessages.Acknowledged.Count);
        var message = await listener.NextAsync();
        Assert.Equal("sf:Lead", Assert.Single(OutboundListener.Notifications(message)).Element(XName.Get("sObject", "http://soap.sforce.com/2005/09/outbound"))!.Attribute(Xsi + "type")?.Value);
    }

    [Fact]
    public async Task RestUpdate_ByAnotherUser_Notifies()
    {
        var (s, listener) = await StartAsync();
        await using var _ = s;
        await using var __ = listener;
        using var rep = s.NewClient(o => SalesforceSession.JwtBearer(o, SalesforceSeed.Usernames.SalesRep, s.Key));

        await rep.UpdateAsync("Contact", SalesforceId.Parse(SalesforceSeed.Contacts.Ontario), new Dictionary<string, object?> { ["Recording_Consent_Status__c"] = "granted" });

        var sObject = Assert.Single(OutboundListener.Notifications(await listener.NextAsync())).Element(XName.Get("sObject", "http://soap.sforce.com/2005/09/outbound"))!;
        Assert.Equal("granted", sObject.Element(SObject + "Recording_Consent_Status__c")?.Value);
    }

    [Fact]
    public async Task BulkCreate_250Contacts_SentInMessagesOfAtMostAHundred()
    {
        var (s, listener) = await StartAsync();
        await using var _ = s;
        await using var __ = listener;
        s.StandIn.OutboundMessages.Endpoint = null;

        s.StandIn.Create("Contact", Enumerable.Range(0, 250).Select(i => new JsonObject { ["LastName"] = $"Bulk {i}", ["Phone"] = $"+1 415 555 {i % 100:D4}" }));
        Assert.Equal(250, s.StandIn.OutboundMessages.Pending);
        s.StandIn.OutboundMessages.Endpoint = listener.Address;

        var sizes = new List<int>();
        while (sizes.Sum() < 250)
        {
            sizes.Add(OutboundListener.Notifications(await listener.NextAsync()).Count);
        }

        Assert.All(sizes, size => Assert.InRange(size, 1, 100));
        Assert.Equal(3, sizes.Count);
        await WaitAsync(() => s.StandIn.OutboundMessages.Acknowledged.Count == 250);
    }

    [Fact]
    public async Task Notification_NotAcknowledged_IsSentAgainWithTheSameIdUntilAcknowledged()
    {
        var (s, listener) = await StartAsync();
        await using var _ = s;
        await using var __ = listener;
        listener.Answer(false, false);

        s.StandIn.Edit("Contact", [(SalesforceSeed.Contacts.London, Phone("+44 20 7946 0999"))]);

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(OutboundListener.Notifications(await listener.NextAsync()).Single().Element(XName.Get("Id", "http://soap.sforce.com/2005/09/outbound"))!.Value);
        }

        Assert.Single(ids.Distinct());
        await WaitAsync(() => s.StandIn.OutboundMessages.Acknowledged.Count == 1);
        Assert.Equal((3, 2), (s.StandIn.OutboundMessages.Sent, s.StandIn.OutboundMessages.Refused));
    }

    [Fact]
    public async Task Notification_NeverAcknowledged_IsDroppedAtTheMaximumAge()
    {
        await using var s = await SalesforceSession.StartAsync(o =>
        {
            o.OutboundMessageRetryBase = TimeSpan.FromMilliseconds(20);
            o.OutboundMessageMaxAge = TimeSpan.FromMilliseconds(200);
        });
        await using var listener = await OutboundListener.StartAsync();
        listener.Answer([.. Enumerable.Repeat(false, 1000)]);
        s.StandIn.OutboundMessages.Endpoint = listener.Address;

        s.StandIn.Edit("Contact", [(SalesforceSeed.Contacts.London, Phone("+44 20 7946 0998"))]);

        await WaitAsync(() => s.StandIn.OutboundMessages.Expired.Count == 1);
        Assert.Empty(s.StandIn.OutboundMessages.Acknowledged);
        Assert.Equal(0, s.StandIn.OutboundMessages.Pending);
    }

    [Theory]
    [InlineData("DeclinedConsent", "has declined call recording")]
    [InlineData("DoNotRecord", "is marked Do Not Record")]
    public async Task TaskGate_RecordedCallTaskForACustomerWhoForbidsIt_IsRefusedWithTheRepsMessage(string contact, string why)
    {
        await using var s = await SalesforceSession.StartAsync();
        var who = (string)typeof(SalesforceSeed.Contacts).GetField(contact)!.GetValue(null)!;

        var e = await Assert.ThrowsAsync<SalesforceException>(() => s.Client.CreateAsync("Task", new Dictionary<string, object?>
        {
            ["Subject"] = "Call", ["TaskSubtype"] = "Call", ["CallDisposition"] = "Recorded (record-after-consent)", ["WhoId"] = who, ["Status"] = "Completed",
        }));

        Assert.Equal((400, "FIELD_CUSTOM_VALIDATION_EXCEPTION"), (e.Status, e.ErrorCode));
        Assert.StartsWith("This call can't be logged as recorded: ", e.ServerMessage, StringComparison.Ordinal);
        Assert.Contains(why, e.ServerMessage, StringComparison.Ordinal);
        Assert.Empty(s.StandIn.Records("Task"));
    }

    [Fact]
    public async Task TaskGate_NotRecordedCallForThatCustomer_OrRecordedForAnother_IsSaved_AndAnUpdateToRecordedIsRefused()
    {
        await using var s = await SalesforceSession.StartAsync();
        Dictionary<string, object?> Task(string who, string disposition) => new() { ["TaskSubtype"] = "Call", ["CallDisposition"] = disposition, ["WhoId"] = who };

        var declined = await s.Client.CreateAsync("Task", Task(SalesforceSeed.Contacts.DeclinedConsent, "Not recorded (do-not-record)"));
        await s.Client.CreateAsync("Task", Task(SalesforceSeed.Contacts.CaliforniaMobile, "Recorded (record-after-consent)"));
        var e = await Assert.ThrowsAsync<SalesforceException>(() => s.Client.UpdateAsync("Task", declined, new Dictionary<string, object?> { ["CallDisposition"] = "Recorded (record)" }));

        Assert.Equal("FIELD_CUSTOM_VALIDATION_EXCEPTION", e.ErrorCode);
        Assert.Equal("Not recorded (do-not-record)", (string?)s.StandIn.Record("Task", declined.Value)!["CallDisposition"]);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The condition was never met.");
            await Task.Delay(20);
        }
    }
}
