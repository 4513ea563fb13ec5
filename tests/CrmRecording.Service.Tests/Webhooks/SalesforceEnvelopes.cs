using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using CrmRecording.Emulators.Salesforce.Seed;

namespace CrmRecording.Service.Tests.Webhooks;

/// <summary>Outbound Message envelopes as a Salesforce org sends them, and their answers read back.</summary>
internal static class SalesforceEnvelopes
{
    private static readonly XNamespace Outbound = "http://soap.sforce.com/2005/09/outbound";

    public static string Message(string notifications, string? organizationId = null) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
           <OrganizationId>{organizationId ?? SalesforceSeed.OrganizationId}</OrganizationId>
           <ActionId>04kSd0000000001AAA</ActionId>
           <SessionId xsi:nil="true"/>
           <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/66.0/00DSd0000000001</EnterpriseUrl>
           <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/66.0/00DSd0000000001</PartnerUrl>
           {notifications}
          </notifications>
         </soapenv:Body>
        </soapenv:Envelope>
        """;

    /// <summary>A Contact notification with the flow's fields; <paramref name="state"/> is the mailing state code.</summary>
    public static string Contact(string notificationId, string contactId, DateTimeOffset changedAt, string phone, string state, string type = "Contact", string? owner = null) => $"""
        <Notification>
         <Id>{notificationId}</Id>
         <sObject xsi:type="sf:{type}" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
          <sf:Id>{contactId}</sf:Id>
          <sf:OwnerId>{owner ?? SalesforceSeed.Users.SalesRep}</sf:OwnerId>
          <sf:Phone>{phone}</sf:Phone>
          <sf:MobilePhone xsi:nil="true"/>
          <sf:MailingStateCode>{state}</sf:MailingStateCode>
          <sf:MailingCountryCode>US</sf:MailingCountryCode>
          <sf:LastModifiedDate>{Stamp(changedAt)}</sf:LastModifiedDate>
          <sf:SystemModstamp>{Stamp(changedAt)}</sf:SystemModstamp>
         </sObject>
        </Notification>
        """;

    public static StringContent Content(string xml)
    {
        var content = new StringContent(xml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>True for <c>notificationsResponse</c> with <c>Ack</c> true.</summary>
    public static bool IsAck(string answer) => XDocument.Parse(answer).Descendants(Outbound + "Ack").SingleOrDefault()?.Value == "true";

    /// <summary>The fault's reason; null when the answer is no fault.</summary>
    public static string? FaultString(string answer) => XDocument.Parse(answer).Descendants("faultstring").SingleOrDefault()?.Value;

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
