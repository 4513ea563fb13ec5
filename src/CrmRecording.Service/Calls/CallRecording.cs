namespace CrmRecording.Service.Calls;

/// <summary>A recording of the call at Twilio and, once ingested, in the vault.</summary>
/// <param name="RecordingSid">Twilio's RE… sid.</param>
/// <param name="VaultId">The vault's recording id once the audio is encrypted and committed.</param>
/// <param name="Seconds">Duration Twilio reported.</param>
/// <param name="Manual">Started by the rep's attestation rather than by the decision.</param>
public sealed record CallRecording(string RecordingSid, string Status, string? VaultId = null, int? Seconds = null, bool Manual = false, bool DeletedAtTwilio = false, bool WrittenToCrm = false);
