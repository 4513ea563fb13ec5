namespace CrmRecording.Telephony;

/// <summary>
/// One text spoken on a call: its <see cref="Kind"/> (see <see cref="DisclosureKinds"/>), the language it is
/// written in (which the TwiML speaks it in), and the catalog <see cref="Version"/> it came from, which is
/// stored with the consent evidence so an auditor knows the exact words the customer heard.
/// </summary>
public sealed record DisclosureText(string Kind, string Language, string Version, string Text);
