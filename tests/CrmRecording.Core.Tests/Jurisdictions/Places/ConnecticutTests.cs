using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Jurisdictions.Places;

/// <summary>
/// Connecticut: recording your own call is not a crime (Conn. Gen. Stat. 53a-187, 53a-189), but
/// 52-570d makes recording a telephone call civilly actionable without all parties' consent, a recorded
/// verbal notice at the start, or a periodic warning tone: all-party, civil only.
/// </summary>
public sealed class ConnecticutTests
{
    private static readonly Jurisdiction Connecticut = JurisdictionCatalog.Default.GetOrUnlisted(J("US-CT"));

    [Fact]
    public void Rule_PhoneCalls_AreAllPartyCivilOnlyUnder52570d()
    {
        Assert.Equal(ConsentRule.AllPartyCivilOnly, Connecticut.Rule);
        Assert.Contains("52-570d", Connecticut.Statute, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CustomerInConnecticutDefaultPolicy_RequiresExplicitConsent()
    {
        var d = Decide(Verified("US-CT", rep: "US-NY"));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Equal("US-CT", d.Deciding!.Code.Value);
        Assert.Contains("52-570d", d.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CustomerInConnecticutNoticePolicy_RecordsAfterTheRecordedVerbalNotice()
    {
        var d = Decide(Verified("US-CT", rep: "US-TX"), PolicyFrom("""{ "allPartyMode": "notice" }"""));
        Assert.Equal(RecordingOutcome.RecordAfterNotice, d.Outcome);
    }
}
