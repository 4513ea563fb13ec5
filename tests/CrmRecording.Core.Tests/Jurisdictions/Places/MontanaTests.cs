using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Jurisdictions.Places;

/// <summary>
/// Montana: the test is knowledge. Mont. Code Ann. 45-8-213(1)(c) forbids recording a conversation
/// without the knowledge of all parties, but excepts people given a warning of the recording, so a
/// warning suffices: notice-required, not all-party.
/// </summary>
public sealed class MontanaTests
{
    private static readonly Jurisdiction Montana = JurisdictionCatalog.Default.GetOrUnlisted(J("US-MT"));

    [Fact]
    public void Rule_IsNoticeRequiredUnder458213()
    {
        Assert.Equal(ConsentRule.NoticeRequired, Montana.Rule);
        Assert.Contains("45-8-213", Montana.Statute, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CustomerInMontana_RecordsAfterTheWarning()
    {
        Assert.Equal(RecordingOutcome.RecordAfterNotice, Decide(Verified("US-MT", rep: "US-ID")).Outcome);
    }

    [Fact]
    public void Decide_CustomerInMontanaWithoutAlwaysAnnounce_StillGivesTheWarning()
    {
        var d = Decide(Verified("US-MT", rep: "US-ID"), PolicyFrom("""{ "alwaysAnnounce": false }"""));
        Assert.Equal(RecordingOutcome.RecordAfterNotice, d.Outcome);
        Assert.Equal("US-MT", d.Deciding!.Code.Value);
    }
}
