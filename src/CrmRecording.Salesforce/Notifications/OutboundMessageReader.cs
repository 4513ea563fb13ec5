using System.Xml;
using System.Xml.Linq;

namespace CrmRecording.Salesforce.Notifications;

/// <summary>
/// Reads an Outbound Message envelope. No DTD, no external entities, and a bounded depth: the body comes from
/// whoever knows the endpoint's address. Anything that is not the documented shape is an error with a reason.
/// </summary>
public static class OutboundMessageReader
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Outbound = OutboundMessage.Namespace;
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static OutboundMessageRead Read(ReadOnlyMemory<byte> body)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = body.Length * 2L + 1024 });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return OutboundMessageRead.Invalid($"The body is not well-formed XML: {e.Message}");
        }

        var notifications = document.Root is { } root && root.Name == Soap + "Envelope"
            ? root.Element(Soap + "Body")?.Element(Outbound + "notifications")
            : null;
        if (notifications is null)
        {
            return OutboundMessageRead.Invalid("The body is not a SOAP envelope with a notifications element in the http://soap.sforce.com/2005/09/outbound namespace.");
        }

        var organizationId = Text(notifications, "OrganizationId");
        if (organizationId is null)
        {
            return OutboundMessageRead.Invalid("OrganizationId is missing.");
        }

        var items = notifications.Elements(Outbound + "Notification").ToList();
        if (items.Count is 0 or > OutboundMessage.MaxNotifications)
        {
            return OutboundMessageRead.Invalid($"A message carries 1 to {OutboundMessage.MaxNotifications} Notification elements (got {items.Count}).");
        }

        var read = new List<OutboundNotification>(items.Count);
        foreach (var (item, index) in items.Select((n, i) => (n, i)))
        {
            var notification = ReadNotification(item, out var error);
            if (notification is null)
            {
                return OutboundMessageRead.Invalid($"Notification {index + 1}: {error}");
            }

            read.Add(notification);
        }

        return OutboundMessageRead.Valid(new OutboundMessage(organizationId, Text(notifications, "ActionId") ?? string.Empty, Text(notifications, "SessionId"), read));
    }

    private static OutboundNotification? ReadNotification(XElement item, out string error)
    {
        error = string.Empty;
        var id = Text(item, "Id");
        var sObject = item.Element(Outbound + "sObject");
        if (id is null || sObject is null)
        {
            error = "Id or sObject is missing.";
            return null;
        }

        var type = sObject.Attribute(Xsi + "type")?.Value;
        var colon = type?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        var objectType = colon >= 0 ? type![(colon + 1)..] : type;
        if (string.IsNullOrWhiteSpace(objectType))
        {
            error = "the sObject has no xsi:type.";
            return null;
        }

        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in sObject.Elements())
        {
            var nil = field.Attribute(Xsi + "nil")?.Value is "true" or "1";
            fields[field.Name.LocalName] = nil || field.Value.Length == 0 ? null : field.Value;
        }

        if (!SalesforceId.TryParse(fields.GetValueOrDefault("Id"), out var recordId))
        {
            error = "the sObject has no valid Id field.";
            return null;
        }

        return new OutboundNotification(id, objectType, recordId, fields);
    }

    private static string? Text(XElement parent, string name) =>
        parent.Element(Outbound + name) is { } element && element.Attribute(Xsi + "nil")?.Value is not ("true" or "1") && element.Value.Trim() is { Length: > 0 } value ? value : null;
}

/// <summary>A read envelope, or why it is not one.</summary>
public sealed record OutboundMessageRead(OutboundMessage? Message, string? Error)
{
    public static OutboundMessageRead Valid(OutboundMessage message) => new(message, null);

    public static OutboundMessageRead Invalid(string error) => new(null, error);
}
