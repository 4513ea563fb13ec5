using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace CrmRecording.Emulators.Salesforce.Automation;

/// <summary>
/// Writes an Outbound Message as Salesforce sends it (<c>notifications</c> in <c>http://soap.sforce.com/2005/09/outbound</c>,
/// each sObject typed <c>sf:Contact</c> in the enterprise namespace) and reads the listener's answer.
/// </summary>
internal static class OutboundEnvelope
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Outbound = "http://soap.sforce.com/2005/09/outbound";
    private static readonly XNamespace SObject = "urn:sobject.enterprise.soap.sforce.com";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";

    public static string Write(string organizationId, string actionId, string instance, IReadOnlyList<PendingNotification> notifications) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + Root(organizationId, actionId, instance, notifications).ToString(SaveOptions.DisableFormatting);

    /// <summary>True when the listener answered <c>notificationsResponse</c> with <c>Ack</c> true.</summary>
    public static bool IsAck(string answer)
    {
        try
        {
            var document = XDocument.Parse(answer);
            return document.Descendants(Outbound + "Ack").FirstOrDefault()?.Value.Trim() == "true";
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    private static XElement Root(string organizationId, string actionId, string instance, IReadOnlyList<PendingNotification> notifications) =>
        new(
            Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsd", Xsd.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
            new XElement(
                Soap + "Body",
                new XElement(
                    Outbound + "notifications",
                    new XElement(Outbound + "OrganizationId", organizationId),
                    new XElement(Outbound + "ActionId", actionId),
                    // The action sends no session: the listener writes back with its own credentials.
                    new XElement(Outbound + "SessionId", new XAttribute(Xsi + "nil", "true")),
                    new XElement(Outbound + "EnterpriseUrl", $"{instance}services/Soap/c/66.0/{organizationId[..15]}"),
                    new XElement(Outbound + "PartnerUrl", $"{instance}services/Soap/u/66.0/{organizationId[..15]}"),
                    notifications.Select(Notification))));

    private static XElement Notification(PendingNotification notification) =>
        new(
            Outbound + "Notification",
            new XElement(Outbound + "Id", notification.Id),
            new XElement(
                Outbound + "sObject",
                new XAttribute(Xsi + "type", $"sf:{notification.Type}"),
                new XAttribute(XNamespace.Xmlns + "sf", SObject.NamespaceName),
                notification.Fields.Select(f => Field(f.Key, f.Value))));

    private static XElement Field(string name, JsonNode? value) => value switch
    {
        null => new XElement(SObject + name, new XAttribute(Xsi + "nil", "true")),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => new XElement(SObject + name, DateTime(v.GetValue<string>())),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => new XElement(SObject + name, v.GetValueKind() == JsonValueKind.True ? "true" : "false"),
        JsonValue v => new XElement(SObject + name, Convert.ToString(v.GetValue<JsonElement>().GetRawText(), CultureInfo.InvariantCulture)),
        _ => new XElement(SObject + name, value.ToJsonString()),
    };

    /// <summary>The REST API's <c>+0000</c> datetimes are <c>Z</c> in SOAP.</summary>
    private static string DateTime(string text) =>
        text.Length == 28 && text.EndsWith("+0000", StringComparison.Ordinal) && text[10] == 'T' ? text[..23] + "Z" : text;
}
