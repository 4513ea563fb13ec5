using System.Xml.Linq;
using static CrmRecording.Telephony.Twiml.TwimlDocument;

namespace CrmRecording.Telephony;

/// <summary>
/// The TwiML documents of a recorded call. The rep's leg hears why the call is (or is not) recorded and then
/// dials the customer; the customer's leg (the <c>&lt;Number url&gt;</c>) runs after they answer and before the
/// legs are bridged: a notice, or a consent question and its answer. A document that ends without a verb lets
/// Twilio bridge the legs. Every value is written through System.Xml.Linq, so a customer name or number can
/// never add or change an element or attribute.
/// </summary>
public static class CallTwiml
{
    /// <summary>The media type to serve TwiML with.</summary>
    public const string ContentType = "application/xml";

    /// <summary>The recording events the service listens to.</summary>
    public const string RecordingEvents = "in-progress completed absent";

    /// <summary>
    /// The rep's leg: <paramref name="repMessage"/> is spoken, then the customer is dialed from
    /// <paramref name="callerId"/>; Twilio requests <paramref name="customerLegUrl"/> on the customer's leg once they
    /// answer, and <paramref name="dialActionUrl"/> when the dial ends. With <paramref name="recordFromAnswerDual"/>
    /// the bridged call is recorded from the answer, each party on its own channel.
    /// </summary>
    public static string RepLeg(string repMessage, string language, string customerNumber, string callerId, Uri customerLegUrl, Uri dialActionUrl, bool recordFromAnswerDual, Uri? recordingStatusCallback)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(callerId);
        ArgumentNullException.ThrowIfNull(customerLegUrl);
        ArgumentNullException.ThrowIfNull(dialActionUrl);
        var dial = new XElement(
            "Dial",
            new XAttribute("callerId", callerId),
            new XAttribute("action", dialActionUrl.AbsoluteUri));
        if (recordFromAnswerDual)
        {
            dial.Add(new XAttribute("record", "record-from-answer-dual"));
            if (recordingStatusCallback is not null)
            {
                dial.Add(
                    new XAttribute("recordingStatusCallback", recordingStatusCallback.AbsoluteUri),
                    new XAttribute("recordingStatusCallbackEvent", RecordingEvents));
            }
        }

        dial.Add(new XElement("Number", new XAttribute("url", customerLegUrl.AbsoluteUri), customerNumber));
        return string.IsNullOrWhiteSpace(repMessage) ? Write(dial) : Write(Say(repMessage, language), dial);
    }

    /// <summary>
    /// The customer's leg where a notice suffices: the notice is spoken in full (a plain <c>&lt;Say&gt;</c>, which a
    /// key press cannot cut short), then <c>&lt;Redirect&gt;</c> asks <paramref name="noticePlayedUrl"/> for the rest,
    /// so the service learns the notice was heard before anything is recorded.
    /// </summary>
    public static string NoticeLeg(DisclosureText notice, Uri noticePlayedUrl)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(noticePlayedUrl);
        return Write(
            Say(notice.Text, notice.Language),
            new XElement("Redirect", new XAttribute("method", "POST"), noticePlayedUrl.AbsoluteUri));
    }

    /// <summary>
    /// The customer's leg where explicit consent is required: the question is asked inside a <c>&lt;Gather&gt;</c>
    /// for one key or speech in the question's language; Twilio posts Digits or SpeechResult to
    /// <paramref name="answerUrl"/>, and posts with neither after <paramref name="timeoutSeconds"/> of silence.
    /// </summary>
    public static string ConsentLeg(DisclosureText question, Uri answerUrl, int timeoutSeconds = 6)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answerUrl);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeoutSeconds, 60);
        return Write(new XElement(
            "Gather",
            new XAttribute("input", "dtmf speech"),
            new XAttribute("numDigits", "1"),
            new XAttribute("timeout", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new XAttribute("speechTimeout", "auto"),
            new XAttribute("hints", ConsentHints(question.Language)),
            new XAttribute("language", question.Language),
            new XAttribute("action", answerUrl.AbsoluteUri),
            new XAttribute("actionOnEmptyResult", "true"),
            Say(question.Text, question.Language)));
    }

    /// <summary>Confirms the yes; the document then ends, so the legs are bridged.</summary>
    public static string ConsentGranted(DisclosureText text) => SayThenBridge(text);

    /// <summary>Confirms the no; the legs are bridged and the call is not recorded.</summary>
    public static string ConsentDeclined(DisclosureText text) => SayThenBridge(text);

    /// <summary>Tells the customer no answer came; the legs are bridged and the call is not recorded.</summary>
    public static string ConsentTimeout(DisclosureText text) => SayThenBridge(text);

    /// <summary>The customer's leg when nothing is recorded and nothing need be said: bridge at once.</summary>
    public static string DoNotRecordLeg() => Empty();

    /// <summary><c>&lt;Response/&gt;</c>: Twilio does nothing more on this leg (an acknowledged callback, or a bridge).</summary>
    public static string Empty() => Write();

    /// <summary>Says <paramref name="message"/> (when given) and hangs up.</summary>
    public static string Hangup(string? message, string language) =>
        string.IsNullOrWhiteSpace(message) ? Write(new XElement("Hangup")) : Write(Say(message, language), new XElement("Hangup"));

    /// <summary>Speech-recognition hints in the question's language, so "sí" or "oui" is not heard as something else.</summary>
    internal static string ConsentHints(string language) => language.Split('-')[0].ToUpperInvariant() switch
    {
        "ES" => "sí, no",
        "FR" => "oui, non",
        _ => "yes, no",
    };

    private static string SayThenBridge(DisclosureText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Write(Say(text.Text, text.Language));
    }
}
