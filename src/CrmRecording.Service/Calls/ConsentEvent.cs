using System.Globalization;

namespace CrmRecording.Service.Calls;

/// <summary>
/// One piece of consent evidence: what was played or answered, when, how, under which jurisdictions and
/// which disclosure wording (by version).
/// </summary>
/// <param name="Kind">disclosure-played, consent-granted, consent-declined, consent-timeout, consent-unrecognized, manual-start.</param>
/// <param name="Answer">granted or declined when the customer answered, else null.</param>
/// <param name="Method">keypad, speech, none (silence) or rep-attestation.</param>
/// <param name="Heard">The keypad digits or speech transcript received (what the answer was read from).</param>
public sealed record ConsentEvent(
    string Kind,
    DateTimeOffset At,
    string? Answer,
    string Method,
    string? Heard,
    string DisclosureKind,
    string DisclosureVersion,
    string Language,
    IReadOnlyList<string> Jurisdictions,
    string CallId)
{
    /// <summary>Dedupe key: a retried Twilio callback must not log the same event twice.</summary>
    public string Key => $"{Kind}:{DisclosureKind}";

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{At:yyyy-MM-dd HH:mm:ss}Z {Kind}") +
        (Answer is null ? string.Empty : $" ({Answer} by {Method})") +
        $" [disclosure {DisclosureKind} v{DisclosureVersion}, {Language}].";
}
