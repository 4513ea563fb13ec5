using CrmRecording.Core.Reports;
using CrmRecording.Vault.Audit;

namespace CrmRecording.Vault.Reports;

/// <summary>
/// Verifies the chain with <see cref="AuditChain.Verify"/> as the events stream from the store, keeping only the last
/// two events (not the whole trail) to say which event was the last one verified.
/// </summary>
internal static class ChainVerifier
{
    public static AuditChainState Verify(IEnumerable<AuditEvent> events)
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
