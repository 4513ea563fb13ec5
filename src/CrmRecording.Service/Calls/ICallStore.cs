namespace CrmRecording.Service.Calls;

/// <summary>Durable call state in the service's database (SQLite by default, PostgreSQL for several instances).</summary>
public interface ICallStore
{
    Task MigrateAsync(CancellationToken cancellationToken = default);

    Task AddAsync(CallRecord record, CancellationToken cancellationToken = default);

    Task<CallRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="change"/> to the stored call and saves it, re-reading and re-applying when
    /// another instance changed it in between (optimistic concurrency). The change must be a pure function of
    /// the call it is given, so re-applying is safe. Returns the call as stored.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No call with that id.</exception>
    Task<CallRecord> UpdateAsync(string id, Func<CallRecord, CallRecord> change, CancellationToken cancellationToken = default);

    /// <summary>Calls whose recording the rep started by hand, newest first, for compliance review.</summary>
    Task<IReadOnlyList<CallRecord>> ListManualStartsAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Calls not yet in a final state (<see cref="CallRecord.IsSettled"/>), oldest first, for reconciliation.</summary>
    Task<IReadOnlyList<CallRecord>> ListUnsettledAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>How many recordings of all calls ended <c>lost</c>.</summary>
    Task<int> CountLostRecordingsAsync(CancellationToken cancellationToken = default);
}
