using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Jurisdictions.Places;

/// <summary>
/// New York: the Penal Law (250.00, 250.05) lets a participant record, but N.Y. Gen. Bus. Law 399-z(2),
/// as amended by L. 2017 ch. 239, makes a telemarketer disclose at the start of each telemarketing sales
/// call that it is recorded. This product records sales calls, so the row is notice-required.
/// </summary>
public sealed class NewYorkTests
{
    private static readonly Jurisdiction NewYork = JurisdictionCatalog.Default.GetOrUnlisted(J("US-NY"));

    [Fact]
    public void Rule_SalesCalls_AreNoticeRequiredUnderGbl399z()
    {
        Assert.Equal(ConsentRule.NoticeRequired, NewYork.Rule);
        Assert.Contains("399-z", NewYork.Statute, StringComparison.Ordinal);
        Assert.StartsWith("Changed from one-party", NewYork.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CustomerInNewYorkWithoutAlwaysAnnounce_StillDisclosesTheRecording()
    {
        var d = Decide(Verified("US-NY", rep: "US-NJ"), PolicyFrom("""{ "alwaysAnnounce": false }"""));
        Assert.Equal(RecordingOutcome.RecordAfterNotice, d.Outcome);
        Assert.Equal("US-NY", d.Deciding!.Code.Value);
        Assert.Contains("399-z", d.Deciding.Statute, StringComparison.Ordinal);
    }
}
