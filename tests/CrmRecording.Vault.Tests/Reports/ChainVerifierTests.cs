using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Reports;

namespace CrmRecording.Vault.Tests.Reports;

public sealed class ChainVerifierTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A chained trail of <paramref name="count"/> events a minute apart.</summary>
    private static List<AuditEvent> Trail(int count)
    {
        var events = new List<AuditEvent>(count);
        var previous = AuditChain.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var entry = new AuditEntry(Start.AddMinutes(seq), seq % 3 == 0 ? "recording-viewed" : "playback", $"crm-user:{seq % 7}", $"r{seq}", "status=206");
            var hash = AuditChain.HashOf(seq, entry, previous);
            events.Add(new AuditEvent(seq, entry, previous, hash));
            previous = hash;
        }

        return events;
    }

    [Fact]
    public void VerifyAndKeep_LongIntactTrail_VerifiesEveryEventAndKeepsThoseFromThePeriodInOrder()
    {
        var trail = Trail(10_000);

        var (chain, since) = ChainVerifier.VerifyAndKeep(trail, Start.AddMinutes(2_500), CancellationToken.None);

        Assert.True(chain.Intact);
        Assert.Equal((10_000L, 10_000L), (chain.Events, chain.LastSequence!.Value));
        Assert.Equal(Enumerable.Range(2_500, 7_501).Select(i => (long)i), since.Select(e => e.Sequence));
    }

    [Fact]
    public void VerifyAndKeep_EventAlteredDeepInTheTrail_NamesItTheOneBeforeAndStillCountsAndKeepsTheRest()
    {
        var trail = Trail(9_000);
        trail[7_000] = trail[7_000] with { Entry = trail[7_000].Entry with { Detail = "status=200" } };

        var (chain, since) = ChainVerifier.VerifyAndKeep(trail, Start, CancellationToken.None);

        Assert.Equal(7_001, chain.BrokenAt);
        Assert.Contains("event 7001 was altered", chain.BrokenReason, StringComparison.Ordinal);
        Assert.Equal((7_000L, 9_000L), (chain.LastSequence!.Value, chain.Events));
        Assert.Equal(9_000, since.Count);
    }

    [Fact]
    public void VerifyAndKeep_ReadFailsMidway_TheFailureReachesTheCaller()
    {
        static IEnumerable<AuditEvent> Failing(List<AuditEvent> trail)
        {
            foreach (var e in trail.Take(5_000))
            {
                yield return e;
            }

            throw new IOException("disk I/O error");
        }

        var error = Assert.Throws<IOException>(() => ChainVerifier.VerifyAndKeep(Failing(Trail(6_000)), Start, CancellationToken.None));

        Assert.Equal("disk I/O error", error.Message);
    }
}
