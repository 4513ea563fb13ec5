using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CrmRecording.Telephony.Twiml;

/// <summary>Writes a <c>&lt;Response&gt;</c> as Twilio reads it: UTF-8, with the XML declaration, values escaped by the writer.</summary>
internal static class TwimlDocument
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        OmitXmlDeclaration = false,
    };

    public static string Write(params XElement[] verbs)
    {
        var response = new XElement("Response", verbs);
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), response).Save(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static XElement Say(string text, string language) => new("Say", new XAttribute("language", language), text);
}
