using System.Xml.Linq;

namespace CrmRecording.Telephony.Twiml;

/// <summary>Writes a <c>&lt;Response&gt;</c> as Twilio documents it: the UTF-8 XML declaration, then the verbs, every value escaped by System.Xml.Linq.</summary>
internal static class TwimlDocument
{
    /// <summary>Written by hand: an XmlWriter would name the encoding "utf-8", while Twilio's examples (and this product's contract) say "UTF-8".</summary>
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    public static string Write(params XElement[] verbs) =>
        Declaration + new XElement("Response", verbs).ToString(SaveOptions.DisableFormatting);

    public static XElement Say(string text, string language) => new("Say", new XAttribute("language", language), text);
}
