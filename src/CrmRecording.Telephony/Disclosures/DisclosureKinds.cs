namespace CrmRecording.Telephony;

/// <summary>The texts a disclosure catalog must hold, each in en-US at least.</summary>
public static class DisclosureKinds
{
    /// <summary>Customer: recording notice where continuing the call is consent.</summary>
    public const string Notice = "notice";

    /// <summary>Customer: the explicit consent question (keypad 1/2 or yes/no).</summary>
    public const string ConsentQuestion = "consent-question";

    public const string ConsentGranted = "consent-granted";

    public const string ConsentDeclined = "consent-declined";

    /// <summary>Customer: no usable answer came, so the call goes on unrecorded.</summary>
    public const string ConsentTimeout = "consent-timeout";

    /// <summary>Rep, before the customer is dialed: the call will be recorded.</summary>
    public const string RepRecord = "rep-record";

    /// <summary>Rep: the call will be recorded after the customer hears a notice.</summary>
    public const string RepNotice = "rep-notice";

    /// <summary>Rep: the customer will be asked, and the call recorded only if they agree.</summary>
    public const string RepConsent = "rep-consent";

    /// <summary>Rep: the call will not be recorded.</summary>
    public const string RepDoNotRecord = "rep-do-not-record";

    public static IReadOnlyList<string> All { get; } =
        [Notice, ConsentQuestion, ConsentGranted, ConsentDeclined, ConsentTimeout, RepRecord, RepNotice, RepConsent, RepDoNotRecord];
}
