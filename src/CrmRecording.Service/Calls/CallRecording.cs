namespace CrmRecording.Service.Calls;

/// <summary>A recording of the call at Twilio and, once ingested, in the vault.</summary>
/// <param name="RecordingSid">Twilio's RE… sid.</param>
/// <param name="VaultId">The vault's recording id once the audio is encrypted and committed.</param>
/// <param name="Seconds">Duration Twilio reported.</param>
/// <param name="Manual">Started by the rep's attestation rather than by the decision.</param>
/// <param name="StartedAt">When the recording started (Twilio's start time, else when the service learnt of it): second 0 of the audio, so the player can place consent events and paused spans on it.</param>
public sealed record CallRecording(string RecordingSid, string Status, string? VaultId = null, int? Seconds = null, bool Manual = false, bool DeletedAtTwilio = false, bool WrittenToCrm = false, DateTimeOffset? StartedAt = null);
