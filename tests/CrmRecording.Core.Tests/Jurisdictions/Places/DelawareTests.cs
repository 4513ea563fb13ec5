using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Jurisdictions.Places;

/// <summary>
/// Delaware: ambiguous. The wiretap act lets a party record (11 Del. C. 2402(c)(4)); the privacy
/// statute forbids intercepting a telephone message without all parties' consent (11 Del. C. 1335(a)(4)).
/// United States v. Vespe, 389 F. Supp. 1359 (D. Del. 1975), favoured the wiretap act; no state appellate court has settled it.
/// </summary>
public sealed class DelawareTests
{
    private static readonly Jurisdiction Delaware = JurisdictionCatalog.Default.GetOrUnlisted(J("US-DE"));

    [Fact]
    public void Rule_IsAmbiguousBetween2402c4And1335a4()
    {
        Assert.Equal(ConsentRule.Ambiguous, Delaware.Rule);
        Assert.Contains("2402", Delaware.Statute, StringComparison.Ordinal);
        Assert.Contains("1335(a)(4)", Delaware.Statute, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RepInDelawareCustomerInPennsylvania_RequiresConsent()
    {
        var d = Decide(Verified("US-PA", rep: "US-DE"));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Contains(d.Jurisdictions, j => j.Code.Value == "US-DE" && j.Party == Party.Rep && j.Rule == ConsentRule.Ambiguous);
    }
}
