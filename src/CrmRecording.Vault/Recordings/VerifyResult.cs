namespace CrmRecording.Vault.Recordings;

/// <summary>The outcome of checking one stored recording end to end.</summary>
/// <param name="Id">The recording.</param>
/// <param name="Ok">Every chunk authenticated and the plaintext matches the stored length and SHA-256.</param>
/// <param name="Problem">What is wrong, in words.</param>
/// <param name="BadChunk">The first chunk that failed, when one did.</param>
public sealed record VerifyResult(RecordingId Id, bool Ok, string? Problem, long? BadChunk);
