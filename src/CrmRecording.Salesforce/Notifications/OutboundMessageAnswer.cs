using System.Xml.Linq;

namespace CrmRecording.Salesforce.Notifications;

/// <summary>
/// What the listener answers: <c>notificationsResponse</c> with <c>Ack</c> true once the notifications are safe
/// (Salesforce then drops them), or a SOAP fault, which Salesforce retries with a growing interval for 24 hours.
/// </summary>
public static class OutboundMessageAnswer
{
    public const string ContentType = "text/xml; charset=utf-8";

    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";

    public static string Ack(bool acknowledged = true) => Envelope(
        new XElement(
            XName.Get("notificationsResponse", OutboundMessage.Namespace),
            new XElement(XName.Get("Ack", OutboundMessage.Namespace), acknowledged ? "true" : "false")));

    /// <param name="server">The listener's own failure (<c>soapenv:Server</c>) rather than the message's (<c>soapenv:Client</c>).</param>
    public static string Fault(string reason, bool server = false) => Envelope(
        new XElement(
            Soap + "Fault",
            new XElement("faultcode", server ? "soapenv:Server" : "soapenv:Client"),
            new XElement("faultstring", reason),
            new XElement("detail")));

    private static string Envelope(XElement content) =>
        new XElement(
            Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Soap.NamespaceName),
            new XElement(Soap + "Body", content)).ToString(SaveOptions.DisableFormatting);
}
