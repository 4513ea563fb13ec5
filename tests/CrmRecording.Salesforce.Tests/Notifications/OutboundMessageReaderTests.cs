using System.Text;
using System.Xml.Linq;
using CrmRecording.Salesforce.Notifications;
using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests.Notifications;

public sealed class OutboundMessageReaderTests
{
    private static OutboundMessageRead Read(string xml) => OutboundMessageReader.Read(Encoding.UTF8.GetBytes(xml));

    private static string Envelope(string notifications, string organization = "<OrganizationId>00DSd0000000001AAA</OrganizationId>") => $"""
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <soapenv:Body>
            <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
              {organization}
              <ActionId>04kSd0000000001AAA</ActionId>
              <SessionId xsi:nil="true"/>
              {notifications}
            </notifications>
          </soapenv:Body>
        </soapenv:Envelope>
        """;

    private static string Contact(string id, string fields) => $"""
        <Notification>
          <Id>{id}</Id>
          <sObject xsi:type="sf:Contact" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">{fields}</sObject>
        </Notification>
        """;

    [Fact]
    public void Read_DocumentedSample_GivesTheOrgAndEachNotificationWithItsFields()
    {
        var read = Read(Samples.Text("sf-outbound-message-notifications.xml"));

        var message = Assert.IsType<OutboundMessage>(read.Message);
        Assert.Equal("0123456789ABCDENNN", message.OrganizationId);
        Assert.Equal("05h370200108OsUAAU", message.ActionId);
        Assert.StartsWith("0123456789ABCDE!", message.SessionId, StringComparison.Ordinal);
        Assert.Equal(["04l37000000L0E5AAK", "14l37000123L0E5AAK", "24l37123450L0E5AAK"], message.Notifications.Select(n => n.Id));
        var first = message.Notifications[0];
        Assert.Equal("Lead1", first.ObjectType);
        Assert.Equal("0123456789ABCDEEAE", first.RecordId.Value);
        Assert.Equal("WA", first.Field("State"));
        Assert.Equal("Henrik", first.Field("FirstName"));
        Assert.Equal(new DateTimeOffset(2015, 8, 14, 18, 27, 2, TimeSpan.Zero), first.ChangedAt);
        Assert.Equal("Benjamin", message.Notifications[1].Field("FirstName"));
    }

    [Fact]
    public void ToCustomer_ContactFields_ReadAsTheDecisionReadsThem()
    {
        var read = Read(Envelope(Contact("04lSd0000000001AAA", """
            <sf:Id>003Sd0000000001AAA</sf:Id><sf:Phone>+1 415 555 0101</sf:Phone><sf:MobilePhone xsi:nil="true"/>
            <sf:MailingState>California</sf:MailingState><sf:MailingStateCode>CA</sf:MailingStateCode><sf:MailingCountryCode>US</sf:MailingCountryCode>
            <sf:OwnerId>005Sd0000000004AAA</sf:OwnerId><sf:Recording_Consent_Status__c>declined</sf:Recording_Consent_Status__c>
            <sf:Recording_Consent_Date__c>2026-01-05</sf:Recording_Consent_Date__c><sf:Recording_Do_Not_Record__c>true</sf:Recording_Do_Not_Record__c>
            <sf:SystemModstamp>2026-11-24T09:00:01.000Z</sf:SystemModstamp><sf:LastModifiedDate>2026-11-24T09:00:00.000Z</sf:LastModifiedDate>
            """)));

        var notification = Assert.Single(read.Message!.Notifications);
        var customer = notification.ToCustomer()!;

        Assert.Equal("Contact", customer.ObjectType);
        Assert.Equal("+1 415 555 0101", customer.Phone);
        Assert.Null(customer.MobilePhone);
        Assert.Equal("CA", customer.Region);
        Assert.Equal("US", customer.CountryOrCode);
        Assert.Equal("005Sd0000000004AAA", customer.OwnerId?.Value);
        Assert.Equal("declined", customer.ConsentStatus);
        Assert.Equal(new DateOnly(2026, 1, 5), customer.ConsentDate);
        Assert.True(customer.DoNotRecord);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 1, TimeSpan.Zero), notification.ChangedAt);
    }

    [Theory]
    [InlineData("<not xml", "well-formed")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><x>&e;</x>", "well-formed")]
    [InlineData("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body/></soapenv:Envelope>", "notifications")]
    public void Read_NotAnOutboundMessage_SaysWhy(string body, string mentioned)
    {
        var read = Read(body);

        Assert.Null(read.Message);
        Assert.Contains(mentioned, read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingOrganizationId_IsInvalid()
    {
        var read = Read(Envelope(Contact("04lSd0000000001AAA", "<sf:Id>003Sd0000000001AAA</sf:Id>"), organization: string.Empty));

        Assert.Equal("OrganizationId is missing.", read.Error);
    }

    [Fact]
    public void Read_NotificationWithoutRecordId_NamesTheNotification()
    {
        var read = Read(Envelope(Contact("04lSd0000000001AAA", "<sf:Id>003Sd0000000001AAA</sf:Id>") + Contact("04lSd0000000002AAA", "<sf:Phone>1</sf:Phone>")));

        Assert.Equal("Notification 2: the sObject has no valid Id field.", read.Error);
    }

    [Fact]
    public void Read_MoreThanAHundredNotifications_IsInvalid()
    {
        var many = string.Concat(Enumerable.Range(0, 101).Select(i => Contact($"04lSd{i:D10}AAA", "<sf:Id>003Sd0000000001AAA</sf:Id>")));

        Assert.Contains("got 101", Read(Envelope(many)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ack_IsTheDocumentedResponse()
    {
        var expected = XDocument.Parse(Samples.Text("sf-outbound-message-ack-response.xml"));
        var ack = XDocument.Parse(OutboundMessageAnswer.Ack());

        XNamespace outbound = OutboundMessage.Namespace;
        Assert.Equal(expected.Root!.Name, ack.Root!.Name);
        Assert.Equal("true", ack.Descendants(outbound + "Ack").Single().Value);
        Assert.Equal(expected.Descendants(outbound + "notificationsResponse").Single().Elements().Select(e => e.Name), ack.Descendants(outbound + "notificationsResponse").Single().Elements().Select(e => e.Name));
    }

    [Fact]
    public void Fault_HasTheDocumentedShapeWithTheReason()
    {
        var expected = XDocument.Parse(Samples.Text("sf-outbound-message-fault-response.xml"));
        var fault = XDocument.Parse(OutboundMessageAnswer.Fault("Not authorised"));

        XNamespace soap = "http://schemas.xmlsoap.org/soap/envelope/";
        Assert.Equal(expected.Descendants(soap + "Fault").Single().Elements().Select(e => e.Name), fault.Descendants(soap + "Fault").Single().Elements().Select(e => e.Name));
        Assert.Equal("soapenv:Client", fault.Descendants("faultcode").Single().Value);
        Assert.Equal("Not authorised", fault.Descendants("faultstring").Single().Value);
        Assert.Equal("soapenv:Server", XDocument.Parse(OutboundMessageAnswer.Fault("store down", server: true)).Descendants("faultcode").Single().Value);
    }
}
