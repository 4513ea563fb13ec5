using System.Globalization;
using CrmRecording.Telephony.Http;

namespace CrmRecording.Telephony;

/// <summary>
/// What Twilio posts (as a form) to a <c>recordingStatusCallback</c>: AccountSid, CallSid, RecordingSid,
/// RecordingUrl, RecordingStatus (in-progress, completed, absent), RecordingDuration, RecordingChannels,
/// RecordingStartTime (RFC 2822), RecordingSource, RecordingTrack and ErrorCode. Read it only after the
/// request's <see cref="TwilioSignature"/> has been checked.
/// </summary>
public sealed record RecordingStatusEvent(string AccountSid, string CallSid, string RecordingSid, string RecordingStatus)
{
    /// <summary>Where the media can be fetched (with the account's credentials); not logged, it identifies a recording.</summary>
    public Uri? RecordingUrl { get; init; }

    public int? RecordingDuration { get; init; }

    public int? RecordingChannels { get; init; }

    public DateTimeOffset? RecordingStartTime { get; init; }

    public string? RecordingSource { get; init; }

    public string? RecordingTrack { get; init; }

    /// <summary>Twilio's error code; 0 or absent when the recording succeeded.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>The event, or null when a field Twilio always sends (the three SIDs and the status) is missing or malformed.</summary>
    public static RecordingStatusEvent? TryRead(IEnumerable<KeyValuePair<string, string>> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            fields.TryAdd(name, value);
        }

        var account = fields.GetValueOrDefault("AccountSid");
        var call = fields.GetValueOrDefault("CallSid");
        var recording = fields.GetValueOrDefault("RecordingSid");
        var status = fields.GetValueOrDefault("RecordingStatus");
        if (!Sids.IsValid(account, "AC") || !Sids.IsValid(call, "CA") || !Sids.IsValid(recording, "RE") || string.IsNullOrWhiteSpace(status))
        {
            return null;
        }

        return new RecordingStatusEvent(account!, call!, recording!, status)
        {
            RecordingUrl = Uri.TryCreate(fields.GetValueOrDefault("RecordingUrl"), UriKind.Absolute, out var url) ? url : null,
            RecordingDuration = Int(fields, "RecordingDuration"),
            RecordingChannels = Int(fields, "RecordingChannels"),
            RecordingStartTime = Rfc2822Date.TryParse(fields.GetValueOrDefault("RecordingStartTime"), out var start) ? start : null,
            RecordingSource = fields.GetValueOrDefault("RecordingSource"),
            RecordingTrack = fields.GetValueOrDefault("RecordingTrack"),
            ErrorCode = Int(fields, "ErrorCode"),
        };
    }

    private static int? Int(Dictionary<string, string> fields, string name) =>
        int.TryParse(fields.GetValueOrDefault(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
