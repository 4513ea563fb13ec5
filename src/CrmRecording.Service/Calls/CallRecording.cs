namespace CrmRecording.Service.Calls;

/// <summary>A recording of the call at Twilio and, once ingested, in the vault.</summary>
/// <param name="RecordingSid">Twilio's RE… sid.</param>
/// <param name="Status">in-progress, paused, stopped, ingesting, stored, discarded, absent, failed, or lost (Twilio no longer has it and the vault never stored it).</param>
/// <param name="VaultId">The vault's recording id once the audio is encrypted and committed.</param>
/// <param name="Seconds">Duration Twilio reported.</param>
/// <param name="Manual">Started by the rep's attestation rather than by the decision.</param>
/// <param name="StartedAt">When the recording started (Twilio's start time, else when the service learnt of it): second 0 of the audio, so the player can place consent events and paused spans on it.</param>
/// <param name="Problem">Why the recording ended <c>lost</c> (or another final state without audio), for the rep, the CRM and the audit.</param>
public sealed record CallRecording(string RecordingSid, string Status, string? VaultId = null, int? Seconds = null, bool Manual = false, bool DeletedAtTwilio = false, bool WrittenToCrm = false, DateTimeOffset? StartedAt = null, string? Problem = null)
{
    /// <summary>Nothing more will happen to it: stored, deleted at Twilio and linked in the CRM; or discarded, absent, failed or lost.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSettled => Status switch
    {
        "stored" => DeletedAtTwilio && WrittenToCrm,
        "discarded" or "absent" or "failed" => true,
        "lost" => WrittenToCrm,
        _ => false,
    };
}
