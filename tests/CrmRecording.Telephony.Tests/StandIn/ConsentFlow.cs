namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>
/// The consent call as the service serves it, in the application: the rep's leg (<see cref="CallTwiml.RepLeg"/>)
/// dials the customer, whose leg asks the question (<see cref="CallTwiml.ConsentLeg"/>); the Gather action reads the
/// answer with <see cref="ConsentAnswer.Parse"/> and, on a yes, starts recording the rep's (parent) call through the
/// production client before the legs are bridged.
/// </summary>
internal sealed class ConsentFlow
{
    public const string RepMessage = "This call may be recorded with the customer's consent.";

    public static readonly DisclosureText Question = new(DisclosureKinds.ConsentQuestion, "en-US", "contract-1", "This call may be recorded. Press 1 or say yes to agree; press 2 or say no to decline.");
    public static readonly DisclosureText Granted = new(DisclosureKinds.ConsentGranted, "en-US", "contract-1", "Thank you. This call is recorded.");
    public static readonly DisclosureText Declined = new(DisclosureKinds.ConsentDeclined, "en-US", "contract-1", "This call will not be recorded.");

    private readonly StandInSession session;
    private readonly TaskCompletionSource<TwilioRecording> started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConsentFlow(StandInSession session)
    {
        this.session = session;
        var app = session.Application;
        app.Route("/voice", _ => CallTwiml.RepLeg(RepMessage, "en-US", StandInSession.Customer, StandInSession.CallerId, app.Url("/consent"), app.Url("/dial-done"), recordFromAnswerDual: false, null));
        app.Route("/consent", _ => CallTwiml.ConsentLeg(Question, app.Url("/consent-answer")));
        app.Route("/consent-answer", AnswerAsync);
    }

    /// <summary>The recording the Gather action started, as <see cref="TwilioClient.StartRecordingAsync"/> returned it.</summary>
    public Task<TwilioRecording> Started => started.Task;

    /// <summary>Places the rep's call and returns once the customer's leg is bridged to it.</summary>
    public async Task<(string ParentSid, string ChildSid)> PlaceAsync()
    {
        var call = await session.CallAsync(StandInSession.Rep, "/voice");
        var parent = await session.StandIn.WaitForCallAsync(call.Sid, c => c.Bridged, StandInSession.Patience);
        return (call.Sid, Assert.Single(parent.ChildCallSids));
    }

    private async Task<string> AnswerAsync(ReceivedWebhook webhook)
    {
        if (ConsentAnswer.Parse(webhook["Digits"], webhook["SpeechResult"]).Kind != ConsentAnswerKind.Granted)
        {
            return CallTwiml.ConsentDeclined(Declined);
        }

        var recording = await session.Client.StartRecordingAsync(webhook["ParentCallSid"]!, new StartRecordingRequest
        {
            RecordingChannels = "dual",
            RecordingStatusCallback = session.Application.Url("/recording-status"),
            RecordingStatusCallbackEvent = [CallTwiml.RecordingEvents],
        });
        started.TrySetResult(recording);
        return CallTwiml.ConsentGranted(Granted);
    }
}
