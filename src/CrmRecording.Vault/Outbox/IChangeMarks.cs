namespace CrmRecording.Vault.Outbox;

/// <summary>
/// Per remote record, the newest change already applied: a consumer of notifications that arrive at least once and
/// out of order (Salesforce Outbound Messages) drops one about a change older than what it has applied. Kept in the
/// same store as the outbox, so it survives restarts and is shared by every instance.
/// </summary>
public interface IChangeMarks
{
    /// <returns>The mark of each key that has one; keys never marked are absent.</returns>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetMarksAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Raises each key's mark to the given instant in one transaction; a mark never moves back.</summary>
    Task AdvanceMarksAsync(IReadOnlyDictionary<string, DateTimeOffset> marks, CancellationToken cancellationToken = default);
}
