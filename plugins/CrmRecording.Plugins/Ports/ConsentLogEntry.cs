using CrmRecording.Plugins;

namespace CrmRecording.Plugins.Ports;

/// <summary>One consent event of a call, as written to <c>crr_consentlog</c>.</summary>
public sealed record ConsentLogEntry(
    Guid PhoneCallId,
    RecordReference? Customer,
    string Event,
    string? Answer,
    string? Method,
    string Jurisdictions,
    string DisclosureVersion,
    string CallId,
    DateTimeOffset At);
