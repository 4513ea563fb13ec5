using System.Text.Json.Serialization;

namespace CrmRecording.Telephony;

/// <summary>
/// A Recording resource as Twilio returns it. <see cref="Duration"/> is whole seconds once the recording is
/// complete (Twilio reports -1 while it is still in progress); <see cref="MediaUrl"/> is where the audio is
/// fetched with the account's credentials (<see cref="TwilioClient.DownloadRecordingAsync"/>).
/// </summary>
public sealed record TwilioRecording
{
    public string Sid { get; init; } = string.Empty;

    public string? AccountSid { get; init; }

    public string? CallSid { get; init; }

    public string? ConferenceSid { get; init; }

    /// <summary>in-progress, paused, stopped, processing, completed, absent, failed or deleted.</summary>
    public string? Status { get; init; }

    /// <summary>1 or 2; a dual-channel recording keeps each party on its own channel.</summary>
    public int? Channels { get; init; }

    public int? Duration { get; init; }

    public DateTimeOffset? DateCreated { get; init; }

    public DateTimeOffset? DateUpdated { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    /// <summary>How the recording began: DialVerb, OutboundAPI, StartCallRecordingAPI, RecordVerb, Conference, Trunking...</summary>
    public string? Source { get; init; }

    /// <summary>inbound, outbound or both.</summary>
    public string? Track { get; init; }

    /// <summary>Twilio's error code when the recording failed or is absent.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>The resource path Twilio reports, e.g. <c>/2010-04-01/Accounts/AC.../Recordings/RE....json</c>.</summary>
    [JsonPropertyName("uri")]
    public string? ResourceUri { get; init; }

    /// <summary>The WAV media of this recording on the configured REST API root.</summary>
    [JsonIgnore]
    public System.Uri? MediaUrl { get; init; }
}
