using System.Xml.Linq;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using Twilio.Types;
using TwilioMethod = Twilio.Http.HttpMethod;

namespace CrmRecording.Telephony.Tests.Sdk;

/// <summary>
/// Twilio's own helper library as the referee of the TwiML: every document a call can be answered with, for every
/// decision and disclosure language, is the same XML as <see cref="VoiceResponse"/> builds for the same verbs
/// (compared as normalised XML: element order and text exactly, attributes in any order, the declaration's UTF-8
/// in either case).
/// </summary>
public sealed class CallTwimlVoiceResponseTests
{
    private const string Customer = "+15558675310";
    private const string CallerId = "+15017122661";
    private static readonly Uri CustomerLeg = new("https://media.example.com/twilio/voice/7f3a/customer?step=1&x=%C3%A9");
    private static readonly Uri DialAction = new("https://media.example.com/twilio/voice/7f3a/dial-complete");
    private static readonly Uri RecordingCallback = new("https://media.example.com/twilio/recording/7f3a");

    public static TheoryData<string, string> DecisionsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var decision in new[] { "record", "record-after-notice", "record-after-consent", "do-not-record" })
        {
            foreach (var language in DisclosureCatalog.Default.Languages)
            {
                data.Add(decision, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DecisionsAndLanguages))]
    public void RepLeg_EveryDecision_IsWhatVoiceResponseBuilds(string decision, string language)
    {
        var text = DisclosureCatalog.Default.Get($"rep-{RepKind(decision)}", language);
        var recorded = decision == "record";

        var ours = CallTwiml.RepLeg(text.Text, text.Language, Customer, CallerId, CustomerLeg, DialAction, recorded, recorded ? RecordingCallback : null);

        var expected = new VoiceResponse();
        expected.Say(text.Text, language: text.Language);
        var dial = recorded
            ? new Dial(
                callerId: CallerId,
                action: DialAction,
                record: Dial.RecordEnum.RecordFromAnswerDual,
                recordingStatusCallback: RecordingCallback,
                recordingStatusCallbackEvent: [Dial.RecordingEventEnum.InProgress, Dial.RecordingEventEnum.Completed, Dial.RecordingEventEnum.Absent])
            : new Dial(callerId: CallerId, action: DialAction);
        dial.Number(new PhoneNumber(Customer), url: CustomerLeg);
        expected.Append(dial);
        AssertSameTwiml(expected, ours);
    }

    [Theory]
    [MemberData(nameof(DecisionsAndLanguages))]
    public void CustomerLeg_EveryDecision_IsWhatVoiceResponseBuilds(string decision, string language)
    {
        var expected = new VoiceResponse();
        string ours;
        switch (decision)
        {
            case "record-after-notice":
                var notice = DisclosureCatalog.Default.Get(DisclosureKinds.Notice, language);
                var played = new Uri($"https://media.example.com/twilio/voice/7f3a/notice-played?v={Uri.EscapeDataString(notice.Version)}");
                ours = CallTwiml.NoticeLeg(notice, played);
                expected.Say(notice.Text, language: notice.Language);
                expected.Redirect(played, TwilioMethod.Post);
                break;
            case "record-after-consent":
                var question = DisclosureCatalog.Default.Get(DisclosureKinds.ConsentQuestion, language);
                var answer = new Uri("https://media.example.com/twilio/voice/7f3a/consent?v=2");
                ours = CallTwiml.ConsentLeg(question, answer, timeoutSeconds: 7);
                var gather = new Gather(
                    input: [Gather.InputEnum.Dtmf, Gather.InputEnum.Speech],
                    action: answer,
                    timeout: 7,
                    speechTimeout: "auto",
                    numDigits: 1,
                    language: question.Language,
                    hints: CallTwiml.ConsentHints(question.Language),
                    actionOnEmptyResult: true);
                gather.Say(question.Text, language: question.Language);
                expected.Append(gather);
                break;
            default:
                // Recorded from the answer by the rep's Dial, or not recorded: nothing to say, the legs are bridged.
                ours = CallTwiml.DoNotRecordLeg();
                break;
        }

        AssertSameTwiml(expected, ours);
    }

    [Theory]
    [InlineData(DisclosureKinds.ConsentGranted)]
    [InlineData(DisclosureKinds.ConsentDeclined)]
    [InlineData(DisclosureKinds.ConsentTimeout)]
    public void ConsentOutcome_EveryLanguage_IsASayThatVoiceResponseBuildsAlike(string kind)
    {
        foreach (var language in DisclosureCatalog.Default.Languages)
        {
            var text = DisclosureCatalog.Default.Get(kind, language);
            var ours = kind switch
            {
                DisclosureKinds.ConsentGranted => CallTwiml.ConsentGranted(text),
                DisclosureKinds.ConsentDeclined => CallTwiml.ConsentDeclined(text),
                _ => CallTwiml.ConsentTimeout(text),
            };

            AssertSameTwiml(new VoiceResponse().Say(text.Text, language: text.Language), ours);
        }
    }

    [Fact]
    public void Hangup_WithAndWithoutMessage_IsWhatVoiceResponseBuilds()
    {
        AssertSameTwiml(new VoiceResponse().Say("Goodbye <b>now</b> & \"then\"", language: "en-US").Hangup(), CallTwiml.Hangup("Goodbye <b>now</b> & \"then\"", "en-US"));
        AssertSameTwiml(new VoiceResponse().Hangup(), CallTwiml.Hangup(null, "en-US"));
        AssertSameTwiml(new VoiceResponse(), CallTwiml.Empty());
    }

    private static string RepKind(string decision) => decision switch
    {
        "record" => "record",
        "record-after-notice" => "notice",
        "record-after-consent" => "consent",
        _ => "do-not-record",
    };

    private static void AssertSameTwiml(VoiceResponse expected, string actual)
    {
        var sdk = Normalised(expected.ToString());
        var ours = Normalised(actual);
        Assert.True(XNode.DeepEquals(sdk, ours), $"Twilio's VoiceResponse:\n{sdk}\nours:\n{ours}");
    }

    /// <summary>Element names, text and attribute values kept; attribute order and insignificant whitespace dropped.</summary>
    private static XElement Normalised(string xml)
    {
        var document = XDocument.Parse(xml);
        Assert.Equal("UTF-8", document.Declaration?.Encoding, ignoreCase: true);
        return Normalise(document.Root!);
    }

    private static XElement Normalise(XElement element) => new(
        element.Name.LocalName,
        element.Attributes().OrderBy(a => a.Name.LocalName, StringComparer.Ordinal).Select(a => new XAttribute(a.Name.LocalName, a.Value)),
        element.Nodes().Select(node => node switch
        {
            XElement child => (object)Normalise(child),
            XText text => text.Value,
            _ => null,
        }).OfType<object>());
}
