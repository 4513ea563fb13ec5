using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Jurisdictions.Places;

/// <summary>
/// California: all-party (Cal. Penal Code 632, 632.7; $5,000 per violation under 637.2). Kearney v.
/// Salomon Smith Barney, 39 Cal.4th 95 (2006): California law governs calls recorded from a one-party
/// state with customers in California.
/// </summary>
public sealed class CaliforniaTests
{
    [Fact]
    public void Decide_CustomerInCaliforniaRepInGeorgia_RequiresConsentPerKearney()
    {
        var d = Decide(Verified("US-CA", rep: "US-GA"));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Equal("US-CA", d.Deciding!.Code.Value);
        Assert.Contains("632", d.Deciding.Statute, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_MobileWith415AreaCodeAndTexasAddress_CountsCaliforniaToo()
    {
        var d = Decide(new CrmRecording.Core.Contacts.ContactFields { Phone = "+1 415 555 0142", Device = "mobile", Region = "TX", Country = "US", RepRegion = "US-TX" });
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Contains(d.Jurisdictions, j => j.Code.Value == "US-TX" && j.Party == Party.Customer);
        Assert.Equal("US-CA", d.Deciding!.Code.Value);
    }
}
