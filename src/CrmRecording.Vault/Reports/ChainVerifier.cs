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

    /// <summary>Verifies while keeping the events at or after <paramref name="from"/> (all of them, also past a break), in time order.</summary>
    public static (AuditChainState Chain, IReadOnlyList<ReportAuditRow> Since) VerifyAndKeep(IEnumerable<AuditEvent> events, DateTimeOffset from)
    {
        var kept = new List<ReportAuditRow>();
        var chain = Verify(Keep(events, from, kept));
        kept.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Sequence.CompareTo(b.Sequence));
        return (chain, kept);
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
