using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace CrmRecording.Emulators.Twilio.TwiML;

/// <summary>Reads TwiML; a document that is not well-formed or whose root is not <c>&lt;Response&gt;</c> is Twilio's error 12100.</summary>
internal static class TwimlParser
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static bool TryParse(string text, Uri? source, out TwimlDocument document, out string? error)
    {
        document = new TwimlDocument([], source);
        try
        {
            using var reader = XmlReader.Create(new StringReader(text.Trim()), Settings);
            var root = XDocument.Load(reader).Root;
            if (root?.Name.LocalName != "Response")
            {
                error = "The root element must be <Response>.";
                return false;
            }

            document = new TwimlDocument(root.Elements().Select(Verb).ToArray(), source);
            error = null;
            return true;
        }
        catch (XmlException exception)
        {
            error = exception.Message;
            return false;
        }
    }

    private static TwimlVerb Verb(XElement element) => element.Name.LocalName switch
    {
        "Say" => new SayVerb(element.Value.Trim(), Attribute(element, "language")),
        "Play" => new PlayVerb(element.Value.Trim()),
        "Pause" => new PauseVerb(Number(element, "length") ?? 1),
        "Hangup" => new HangupVerb(),
        "Reject" => new RejectVerb(Attribute(element, "reason") ?? "rejected"),
        "Redirect" => new RedirectVerb(element.Value.Trim(), Method(element, "method")),
        "Gather" => Gather(element),
        "Dial" => Dial(element),
        "Start" when element.Element("Recording") is { } recording => new StartRecordingVerb(
            Attribute(recording, "recordingStatusCallback"),
            Attribute(recording, "recordingStatusCallbackMethod"),
            Attribute(recording, "recordingStatusCallbackEvent"),
            Attribute(recording, "channels") == "dual" ? 2 : 1,
            Attribute(recording, "track") ?? "both"),
        var other => new UnsupportedVerb(other),
    };

    private static GatherVerb Gather(XElement element)
    {
        var input = (Attribute(element, "input") ?? "dtmf").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new GatherVerb(
            input.Contains("dtmf"),
            input.Contains("speech"),
            Number(element, "numDigits"),
            Number(element, "timeout") ?? 5,
            Attribute(element, "action"),
            Method(element, "method"),
            string.Equals(Attribute(element, "actionOnEmptyResult"), "true", StringComparison.OrdinalIgnoreCase),
            element.Elements().Select(Verb).Where(v => v is SayVerb or PlayVerb or PauseVerb).ToArray());
    }

    private static DialVerb Dial(XElement element)
    {
        var targets = element.Elements()
            .Where(e => e.Name.LocalName is "Number" or "Client")
            .Select(e => new DialTarget(
                e.Name.LocalName == "Client" ? "client:" + ClientIdentity(e) : e.Value.Trim(),
                Attribute(e, "url"),
                Method(e, "method"),
                Attribute(e, "statusCallback"),
                Attribute(e, "statusCallbackMethod"),
                Attribute(e, "statusCallbackEvent")))
            .ToList();
        if (targets.Count == 0 && !element.HasElements && element.Value.Trim() is { Length: > 0 } bare)
        {
            targets.Add(new DialTarget(bare, null, "POST", null, null, null));
        }

        return new DialVerb(
            Attribute(element, "callerId"),
            Attribute(element, "action"),
            Method(element, "method"),
            Number(element, "timeout") ?? 30,
            Attribute(element, "record") ?? "do-not-record",
            Attribute(element, "recordingStatusCallback"),
            Attribute(element, "recordingStatusCallbackMethod"),
            Attribute(element, "recordingStatusCallbackEvent"),
            targets);
    }

    private static string ClientIdentity(XElement client) =>
        client.Element(client.Name.Namespace + "Identity")?.Value.Trim() ?? client.Value.Trim();

    private static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value;

    private static string Method(XElement element, string name) => (Attribute(element, name) ?? "POST").ToUpperInvariant();

    private static int? Number(XElement element, string name) =>
        int.TryParse(Attribute(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
