namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>
/// The TwiML of a consent flow as the service serves it: the rep's call dials the customer with a recorded
/// <c>&lt;Dial&gt;</c>; the customer's leg runs a consent <c>&lt;Gather&gt;</c> through <c>&lt;Number url&gt;</c>; a yes connects
/// the parties, anything else says goodbye and hangs the customer up.
/// </summary>
internal static class ConsentApplication
{
    public const string Prompt = "This call may be recorded. Press 1 or say yes to agree.";

    public static void Install(FakeApplication application, string record = "record-from-answer-dual", bool actionOnEmptyResult = true)
    {
        application.Twiml("/voice", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Response>
              <Dial callerId="{TwilioSession.CompanyNumber}" action="/dial-done" record="{record}"
                    recordingStatusCallback="/recording" recordingStatusCallbackEvent="in-progress completed absent">
                <Number url="/consent">{TwilioSession.Customer}</Number>
              </Dial>
            </Response>
            """);
        application.Twiml("/consent", $"""
            <Response>
              <Gather input="dtmf speech" numDigits="1" timeout="5" action="/consent-result" actionOnEmptyResult="{(actionOnEmptyResult ? "true" : "false")}">
                <Say language="en-US">{Prompt}</Say>
              </Gather>
              <Say language="en-US">We did not hear you.</Say>
              <Hangup/>
            </Response>
            """);
        application.Answer("/consent-result", request =>
            request["Digits"] == "1" || request["SpeechResult"] == "Yes."
                ? FakeApplication.Xml("<Response><Say>Thank you. Connecting you now.</Say></Response>")
                : FakeApplication.Xml("<Response><Say>Goodbye.</Say><Hangup/></Response>"));
    }
}
