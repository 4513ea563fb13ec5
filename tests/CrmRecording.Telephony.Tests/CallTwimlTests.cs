using System.Xml.Linq;

namespace CrmRecording.Telephony.Tests;

/// <summary>Each builder's document parsed back: elements, attributes and text exactly as Twilio will read them.</summary>
public sealed class CallTwimlTests
{
    private static readonly Uri CustomerLeg = new("https://media.example.com/twilio/customer?call=7f3a&step=1");
    private static readonly Uri DialAction = new("https://media.example.com/twilio/dial-ended?call=7f3a");
    private static readonly Uri RecordingCallback = new("https://media.example.com/twilio/recording?call=7f3a");

    [Fact]
    public void RepLeg_RecordFromAnswer_SaysThenDialsTheCustomerWithDualRecording()
    {
        var xml = CallTwiml.RepLeg("This call will be recorded.", "en-US", "+15558675310", "+15017122661", CustomerLeg, DialAction, recordFromAnswerDual: true, RecordingCallback);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>", xml, StringComparison.Ordinal);
        var response = Parse(xml);
        Assert.Equal(["Say", "Dial"], response.Elements().Select(e => e.Name.LocalName));
        var say = response.Element("Say")!;
        Assert.Equal(("en-US", "This call will be recorded."), ((string?)say.Attribute("language"), say.Value));
        var dial = response.Element("Dial")!;
        Assert.Equal(
            [
                ("callerId", "+15017122661"),
                ("action", DialAction.AbsoluteUri),
                ("record", "record-from-answer-dual"),
                ("recordingStatusCallback", RecordingCallback.AbsoluteUri),
                ("recordingStatusCallbackEvent", "in-progress completed absent"),
            ],
            dial.Attributes().Select(a => (a.Name.LocalName, a.Value)));
        var number = Assert.Single(dial.Elements());
        Assert.Equal("Number", number.Name.LocalName);
        Assert.Equal("+15558675310", number.Value);
        Assert.Equal(CustomerLeg.AbsoluteUri, (string?)number.Attribute("url"));
    }

    [Fact]
    public void RepLeg_NotRecorded_DialHasNoRecordingAttributes()
    {
        var response = Parse(CallTwiml.RepLeg("Not recorded.", "en-US", "+15558675310", "+15017122661", CustomerLeg, DialAction, recordFromAnswerDual: false, RecordingCallback));

        var dial = response.Element("Dial")!;
        Assert.Equal(["callerId", "action"], dial.Attributes().Select(a => a.Name.LocalName));
    }

    [Fact]
    public void RepLeg_InjectionInMessageAndNumber_StaysTextAndAttributeValues()
    {
        const string Message = "Calling </Say><Hangup/><Say>O'Brien & \"Sons\"";
        const string Number = "+1555\"><Play>http://evil.example/x.mp3</Play><Number>+19005550100";

        var response = Parse(CallTwiml.RepLeg(Message, "en-US", Number, "+15017122661", CustomerLeg, DialAction, true, null));

        Assert.Equal(["Say", "Dial"], response.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(Message, response.Element("Say")!.Value);
        var number = Assert.Single(response.Element("Dial")!.Elements());
        Assert.Equal(Number, number.Value);
        Assert.Empty(response.Descendants("Hangup"));
        Assert.Empty(response.Descendants("Play"));
    }

    [Fact]
    public void RepLeg_CallbackUrlWithQuery_IsEscapedInTheDocumentAndIntactWhenRead()
    {
        var xml = CallTwiml.RepLeg("x", "en-US", "+15558675310", "+15017122661", CustomerLeg, DialAction, false, null);

        Assert.Contains("call=7f3a&amp;step=1", xml, StringComparison.Ordinal);
        Assert.Equal(CustomerLeg.AbsoluteUri, (string?)Parse(xml).Descendants("Number").Single().Attribute("url"));
    }

    [Fact]
    public void NoticeLeg_SpeaksTheWholeNoticeThenRedirects_SoAKeyPressCannotCutItShort()
    {
        var notice = DisclosureCatalog.Default.Get(DisclosureKinds.Notice, "es-US");
        var played = new Uri("https://media.example.com/twilio/notice-played?call=7f3a");

        var response = Parse(CallTwiml.NoticeLeg(notice, played));

        Assert.Equal(["Say", "Redirect"], response.Elements().Select(e => e.Name.LocalName));
        var say = response.Element("Say")!;
        Assert.Equal(("es-US", notice.Text), ((string?)say.Attribute("language"), say.Value));
        var redirect = response.Element("Redirect")!;
        Assert.Equal(("POST", played.AbsoluteUri), ((string?)redirect.Attribute("method"), redirect.Value));
        Assert.Empty(response.Descendants("Gather"));
    }

    [Fact]
    public void ConsentLeg_GathersKeyOrSpeechInTheQuestionsLanguage()
    {
        var question = DisclosureCatalog.Default.Get(DisclosureKinds.ConsentQuestion, "fr-CA");
        var answer = new Uri("https://media.example.com/twilio/consent?call=7f3a");

        var gather = Parse(CallTwiml.ConsentLeg(question, answer, timeoutSeconds: 8)).Element("Gather")!;

        Assert.Equal("dtmf speech", (string?)gather.Attribute("input"));
        Assert.Equal("1", (string?)gather.Attribute("numDigits"));
        Assert.Equal("8", (string?)gather.Attribute("timeout"));
        Assert.Equal("auto", (string?)gather.Attribute("speechTimeout"));
        Assert.Equal("oui, non", (string?)gather.Attribute("hints"));
        Assert.Equal("fr-CA", (string?)gather.Attribute("language"));
        Assert.Equal(answer.AbsoluteUri, (string?)gather.Attribute("action"));
        Assert.Equal("true", (string?)gather.Attribute("actionOnEmptyResult"));
        Assert.Equal(question.Text, gather.Element("Say")!.Value);
        Assert.Equal("fr-CA", (string?)gather.Element("Say")!.Attribute("language"));
    }

    [Fact]
    public void ConsentLeg_DefaultTimeout_IsSixSecondsWithEnglishHints()
    {
        var question = DisclosureCatalog.Default.Get(DisclosureKinds.ConsentQuestion, "en-US");

        var gather = Parse(CallTwiml.ConsentLeg(question, new Uri("https://media.example.com/c"))).Element("Gather")!;

        Assert.Equal(("6", "yes, no"), ((string?)gather.Attribute("timeout"), (string?)gather.Attribute("hints")));
    }

    [Theory]
    [InlineData(DisclosureKinds.ConsentGranted)]
    [InlineData(DisclosureKinds.ConsentDeclined)]
    [InlineData(DisclosureKinds.ConsentTimeout)]
    public void ConsentOutcome_SaysTheTextAndEndsSoTheLegsAreBridged(string kind)
    {
        var text = DisclosureCatalog.Default.Get(kind, "es-US");
        var xml = kind switch
        {
            DisclosureKinds.ConsentGranted => CallTwiml.ConsentGranted(text),
            DisclosureKinds.ConsentDeclined => CallTwiml.ConsentDeclined(text),
            _ => CallTwiml.ConsentTimeout(text),
        };

        var say = Assert.Single(Parse(xml).Elements());

        Assert.Equal(("Say", "es-US", text.Text), (say.Name.LocalName, (string?)say.Attribute("language"), say.Value));
    }

    [Fact]
    public void DoNotRecordLegAndEmpty_AreAnEmptyResponse()
    {
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response />", CallTwiml.DoNotRecordLeg());
        Assert.Equal(CallTwiml.DoNotRecordLeg(), CallTwiml.Empty());
    }

    [Fact]
    public void Hangup_WithMessage_SaysThenHangsUp()
    {
        var response = Parse(CallTwiml.Hangup("Goodbye <b>now</b>", "en-US"));

        Assert.Equal(["Say", "Hangup"], response.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Goodbye <b>now</b>", response.Element("Say")!.Value);
    }

    [Fact]
    public void Hangup_WithoutMessage_OnlyHangsUp()
    {
        Assert.Equal(["Hangup"], Parse(CallTwiml.Hangup(null, "en-US")).Elements().Select(e => e.Name.LocalName));
    }

    private static XElement Parse(string xml)
    {
        var document = XDocument.Parse(xml);
        Assert.Equal("UTF-8", document.Declaration?.Encoding);
        Assert.Equal("Response", document.Root!.Name.LocalName);
        return document.Root;
    }
}
