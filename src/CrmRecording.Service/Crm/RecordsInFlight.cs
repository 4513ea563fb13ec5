namespace CrmRecording.Service.Crm;

/// <summary>
/// The records the enrichment batches running in this process are reading and writing. A batch that names a record an
/// earlier batch still holds waits for that batch to finish before it reads: its change marks then show what the
/// earlier one wrote, and its own write cannot land before the earlier, older one. Batches register in the order they
/// start and wait only for batches registered before them, so two can never wait for each other.
/// </summary>
internal sealed class RecordsInFlight
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Task> held = new(StringComparer.Ordinal);

    /// <summary>Takes the records; the returned hold's <see cref="Hold.Earlier"/> completes when no earlier batch has any of them.</summary>
    public Hold Take(IEnumerable<string> records)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var earlier = new HashSet<Task>();
        var keys = records.Distinct(StringComparer.Ordinal).ToList();
        lock (gate)
        {
            foreach (var key in keys)
            {
                if (held.TryGetValue(key, out var other))
                {
                    earlier.Add(other);
                }

                held[key] = done.Task;
            }
        }

        return new Hold(this, keys, done, earlier.Count == 0 ? Task.CompletedTask : Task.WhenAll(earlier));
    }

    private void Release(List<string> keys, TaskCompletionSource done)
    {
        lock (gate)
        {
            foreach (var key in keys)
            {
                // A later batch may have taken the record over; its hold stays.
                if (held.TryGetValue(key, out var holder) && holder == done.Task)
                {
                    held.Remove(key);
                }
            }
        }

        done.TrySetResult();
    }

    /// <summary>One batch's records, released when it is disposed (whatever the batch's outcome).</summary>
    internal sealed class Hold(RecordsInFlight owner, List<string> keys, TaskCompletionSource done, Task earlier) : IDisposable
    {
        /// <summary>Completes when every earlier batch holding one of these records has finished.</summary>
        public Task Earlier => earlier;

        public void Dispose() => owner.Release(keys, done);
    }
}
