namespace CrmRecording.Vault.Outbox;

/// <summary>The jobs of one kind still waiting (not done, not dead), and when the oldest of them was queued.</summary>
public sealed record OutboxDepth(string Kind, int Pending, DateTimeOffset OldestCreatedAt);
