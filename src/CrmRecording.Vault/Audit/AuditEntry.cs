namespace CrmRecording.Vault.Audit;

/// <summary>An event to append to the audit trail.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Action">What: import, ingest, access, export, delete, hold-placed, hold-released, key-rotated, retention-sweep, access-denied.</param>
/// <param name="Actor">Who: a user, a service identity, or the CLI's operating-system user.</param>
/// <param name="RecordingId">The recording concerned, if any.</param>
/// <param name="Detail">What else an auditor needs: range, outcome, reason, from where (a short text or JSON).</param>
public sealed record AuditEntry(DateTimeOffset At, string Action, string Actor, string? RecordingId, string? Detail);
