namespace CrmRecording.Vault.Audit;

/// <summary>A stored audit event: the entry, its position in the chain, the previous event's hash and its own.</summary>
public sealed record AuditEvent(long Sequence, AuditEntry Entry, string PreviousHash, string Hash);
