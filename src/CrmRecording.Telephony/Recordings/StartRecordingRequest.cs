namespace CrmRecording.Telephony;

/// <summary>The form of <c>POST .../Calls/{CallSid}/Recordings.json</c>, which starts recording a live call.</summary>
public sealed record StartRecordingRequest
{
    /// <summary>mono or dual; dual keeps each party on its own channel.</summary>
    public string? RecordingChannels { get; init; }

    public Uri? RecordingStatusCallback { get; init; }

    /// <summary>in-progress, completed, absent (each sent as its own field); Twilio's default is completed only.</summary>
    public IReadOnlyList<string> RecordingStatusCallbackEvent { get; init; } = [];

    public string? RecordingStatusCallbackMethod { get; init; }

    /// <summary>inbound, outbound or both (Twilio's default).</summary>
    public string? RecordingTrack { get; init; }
}
