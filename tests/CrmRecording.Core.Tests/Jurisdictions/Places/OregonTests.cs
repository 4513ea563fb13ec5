using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Jurisdictions.Places;

/// <summary>
/// Oregon: telephone calls are one-party (ORS 165.540(1)(a)); only in-person conversations need every
/// participant to be specifically informed (165.540(1)(c), upheld en banc in Project Veritas v. Schmidt, 2025).
/// Several published lists wrongly call Oregon all-party for phone calls.
/// </summary>
public sealed class OregonTests
{
    private static readonly Jurisdiction Oregon = JurisdictionCatalog.Default.GetOrUnlisted(J("US-OR"));

    [Fact]
    public void Rule_PhoneCalls_AreOnePartyUnderOrs165540_1_a()
    {
        Assert.Equal(ConsentRule.OneParty, Oregon.Rule);
        Assert.Contains("165.540(1)(a)", Oregon.Statute, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CustomerInOregonWithoutAlwaysAnnounce_RecordsWithoutNotice()
    {
        var d = Decide(Verified("US-OR", rep: "US-WY"), PolicyFrom("""{ "alwaysAnnounce": false }"""));
        Assert.Equal(RecordingOutcome.Record, d.Outcome);
    }

    [Fact]
    public void Decide_CustomerInOregonDefaultPolicy_AnnouncesBecauseThePolicySays()
    {
        var d = Decide(Verified("US-OR", rep: "US-WY"));
        Assert.Equal(RecordingOutcome.RecordAfterNotice, d.Outcome);
        Assert.Contains(d.PolicyLines, l => l.Contains("alwaysAnnounce", StringComparison.Ordinal));
    }
}
