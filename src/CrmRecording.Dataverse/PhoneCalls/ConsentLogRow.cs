namespace CrmRecording.Dataverse.PhoneCalls;

/// <summary>One consent event of a call, as a <c>crr_consentlog</c> row linked to its phone call.</summary>
/// <param name="PhoneCallId">The phone call activity (<c>crr_PhoneCallId</c>).</param>
/// <param name="Event"><c>crr_event</c>: e.g. disclosure played, consent asked, answer heard.</param>
/// <param name="Answer"><c>crr_answer</c>.</param>
/// <param name="Method"><c>crr_method</c>: how consent was given (keypad, speech, ...).</param>
/// <param name="Jurisdictions"><c>crr_jurisdictions</c>: the codes the decision considered.</param>
/// <param name="DisclosureVersion"><c>crr_disclosureversion</c>: which wording was played.</param>
/// <param name="CallId"><c>crr_callid</c>: the telephony call id.</param>
/// <param name="At"><c>crr_at</c>: when it happened (Dataverse keeps whole seconds, in UTC).</param>
/// <param name="Customer"><c>crr_customerid</c>: the contact or lead who answered, so the write-back step can update their consent columns.</param>
public sealed record ConsentLogRow(
    Guid PhoneCallId,
    string Event,
    string? Answer,
    string? Method,
    string Jurisdictions,
    string DisclosureVersion,
    string CallId,
    DateTimeOffset At,
    RowReference? Customer = null);
