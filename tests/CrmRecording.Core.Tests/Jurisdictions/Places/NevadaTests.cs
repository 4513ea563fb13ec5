using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Jurisdictions.Places;

/// <summary>
/// Nevada: all-party for telephone calls. Lane v. Allstate Ins. Co., 114 Nev. 1176, 969 P.2d 938 (1998),
/// read NRS 200.620 to forbid even a participant from recording a call without every party's consent;
/// only in-person conversations are one-party (NRS 200.650). Many published lists get this wrong.
/// </summary>
public sealed class NevadaTests
{
    private static readonly Jurisdiction Nevada = JurisdictionCatalog.Default.GetOrUnlisted(J("US-NV"));

    [Fact]
    public void Rule_PhoneCalls_AreAllPartyUnderNrs200620AsReadInLane()
    {
        Assert.Equal(ConsentRule.AllParty, Nevada.Rule);
        Assert.Contains("200.620", Nevada.Statute, StringComparison.Ordinal);
        Assert.Contains("Lane v. Allstate", Nevada.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CustomerInNevadaRepInTexas_RequiresExplicitConsent()
    {
        var d = Decide(Verified("US-NV", rep: "US-TX"));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Equal("US-NV", d.Deciding!.Code.Value);
    }

    [Fact]
    public void Decide_RepInNevadaCustomerInTexas_RequiresExplicitConsent()
    {
        var d = Decide(Verified("US-TX", rep: "US-NV"));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Equal(Party.Rep, d.Deciding!.Party);
    }
}
