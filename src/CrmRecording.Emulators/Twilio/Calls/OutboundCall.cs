using CrmRecording.Emulators.Twilio.Webhooks;

namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>What a <c>POST Calls.json</c> asked for beyond the leg itself: its instructions and whether to record from answer.</summary>
internal sealed record OutboundCall(
    string? Url,
    string Method,
    string? Twiml,
    bool Record,
    int RecordingChannels,
    string RecordingTrack,
    CallbackTarget RecordingCallback);
