using CrmRecording.Core.Reports;
using CrmRecording.Vault.Audit;

namespace CrmRecording.Vault.Reports;

/// <summary>
/// Verifies the chain with <see cref="AuditChain.Verify"/> as the events stream from the store, keeping only the last
/// two events (not the whole trail) to say which event was the last one verified.
/// </summary>
internal static class ChainVerifier
{
    private static AuditChainState Verify(IEnumerable<AuditEvent> events)
    {
        var seen = new Seen();
        var broken = AuditChain.Verify(seen.Track(events));
        if (broken is null)
        {
            return new AuditChainState(seen.Count, seen.Last?.Sequence, seen.Last?.Entry.At, seen.Last?.Entry.Action, null, null);
        }

        // Verify stopped at the event that breaks the chain: the one before it is the last verified; the rest are counted.
        var total = seen.Count + seen.Remaining();
        return new AuditChainState(total, seen.BeforeLast?.Sequence, seen.BeforeLast?.Entry.At, seen.BeforeLast?.Entry.Action, broken.Sequence, broken.Reason);
    }

    /// <summary>Verifies while keeping the events at or after <paramref name="from"/> (all of them, also past a break), in time order.</summary>
    /// <remarks>
    /// The rows are read (and the period's kept) on another thread, a batch ahead of the hashing, so reading the
    /// trail and recomputing its hashes share two cores.
    /// </remarks>
    public static (AuditChainState Chain, IReadOnlyList<ReportAuditRow> Since) VerifyAndKeep(IEnumerable<AuditEvent> events, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var kept = new List<ReportAuditRow>();
        var chain = Verify(ReadAhead(Keep(events, from, kept), cancellationToken));
        kept.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Sequence.CompareTo(b.Sequence));
        return (chain, kept);
    }

    private const int Batch = 2048;

    private static IEnumerable<AuditEvent> ReadAhead(IEnumerable<AuditEvent> events, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var batches = new System.Collections.Concurrent.BlockingCollection<List<AuditEvent>>(boundedCapacity: 4);
        var reader = Task.Run(
            () =>
            {
                try
                {
                    var batch = new List<AuditEvent>(Batch);
                    foreach (var e in events)
                    {
                        batch.Add(e);
                        if (batch.Count == Batch)
                        {
                            batches.Add(batch, stop.Token);
                            batch = new List<AuditEvent>(Batch);
                        }
                    }

                    batches.Add(batch, stop.Token);
                }
                finally
                {
                    batches.CompleteAdding();
                }
            },
            CancellationToken.None);
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable(stop.Token))
            {
                foreach (var e in batch)
                {
                    yield return e;
                }
            }

            reader.GetAwaiter().GetResult(); // a failed read ends the batches early: its exception surfaces here
        }
        finally
        {
            // Left early (an exception here, or the caller stopped): the reader stops at its next batch.
            stop.Cancel();
            try
            {
                reader.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Its failure was rethrown above, or it was stopped here.
            }
        }
    }

    private static IEnumerable<AuditEvent> Keep(IEnumerable<AuditEvent> events, DateTimeOffset from, List<ReportAuditRow> kept)
    {
        foreach (var e in events)
        {
            if (e.Entry.At >= from)
            {
                kept.Add(new ReportAuditRow(e.Sequence, e.Entry.At, e.Entry.Action, e.Entry.Actor, e.Entry.RecordingId, e.Entry.Detail));
            }

            yield return e;
        }
    }

    private sealed class Seen
    {
        private IEnumerator<AuditEvent>? _source;

        public long Count { get; private set; }

        public AuditEvent? Last { get; private set; }

        public AuditEvent? BeforeLast { get; private set; }

        public IEnumerable<AuditEvent> Track(IEnumerable<AuditEvent> events)
        {
            _source = events.GetEnumerator();
            while (_source.MoveNext())
            {
                Count++;
                BeforeLast = Last;
                Last = _source.Current;
                yield return _source.Current;
            }
        }

        public long Remaining()
        {
            long more = 0;
            while (_source?.MoveNext() == true)
            {
                more++;
            }

            _source?.Dispose();
            return more;
        }
    }
}
