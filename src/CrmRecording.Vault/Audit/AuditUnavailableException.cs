namespace CrmRecording.Vault.Audit;

/// <summary>
/// The audit event of a read could not be committed, so nothing of the recording was handed out: every listen is in
/// the trail before its first byte. Transient (the database is busy, restarting or full); the caller may try again.
/// </summary>
public sealed class AuditUnavailableException(Exception inner)
    : Exception("The audit trail could not be written, so the recording was not read.", inner);
