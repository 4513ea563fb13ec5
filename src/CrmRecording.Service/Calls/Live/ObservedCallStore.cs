namespace CrmRecording.Service.Calls.Live;

/// <summary>
/// The call store with change notifications: every call it adds or changes is published on the
/// <see cref="CallChangeFeed"/> once the write is committed, so live views update without polling.
/// </summary>
internal sealed class ObservedCallStore(ICallStore inner, CallChangeFeed feed) : ICallStore, IAsyncDisposable
{
    /// <summary>The store that keeps the calls.</summary>
    public ICallStore Inner => inner;

    public Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

    public async Task AddAsync(CallRecord record, CancellationToken cancellationToken = default)
    {
        await inner.AddAsync(record, cancellationToken).ConfigureAwait(false);
        feed.Publish(record with { Version = Math.Max(record.Version, 1) });
    }

    public Task<CallRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public async Task<CallRecord> UpdateAsync(string id, Func<CallRecord, CallRecord> change, CancellationToken cancellationToken = default)
    {
        var stored = await inner.UpdateAsync(id, change, cancellationToken).ConfigureAwait(false);
        feed.Publish(stored);
        return stored;
    }

    public Task<IReadOnlyList<CallRecord>> ListManualStartsAsync(int max, CancellationToken cancellationToken = default) =>
        inner.ListManualStartsAsync(max, cancellationToken);

    public Task<IReadOnlyList<CallRecord>> ListUnsettledAsync(int max, CancellationToken cancellationToken = default) =>
        inner.ListUnsettledAsync(max, cancellationToken);

    public Task<int> CountLostRecordingsAsync(CancellationToken cancellationToken = default) => inner.CountLostRecordingsAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
