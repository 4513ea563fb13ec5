using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Jurisdictions.Places;

/// <summary>
/// Michigan: ambiguous. Sullivan v. Gray, 117 Mich. App. 476 (1982), lets a participant record, but
/// AFT Michigan v. Project Veritas, 397 F. Supp. 3d 981 (E.D. Mich. 2019), read MCL 750.539c as
/// all-party, and the Michigan Supreme Court has never settled it. Treated as all-party.
/// </summary>
public sealed class MichiganTests
{
    private static readonly Jurisdiction Michigan = JurisdictionCatalog.Default.GetOrUnlisted(J("US-MI"));

    [Fact]
    public void Rule_IsAmbiguousBetweenSullivanAndMcl750539c()
    {
        Assert.Equal(ConsentRule.Ambiguous, Michigan.Rule);
        Assert.Contains("750.539c", Michigan.Statute, StringComparison.Ordinal);
        Assert.Contains("Sullivan v. Gray", Michigan.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CustomerInMichigan_IsTreatedAsAllPartyAndRequiresConsent()
    {
        var d = Decide(Verified("US-MI", rep: "US-OH"));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Equal(ConsentRule.Ambiguous, d.Deciding!.Rule);
    }

    [Fact]
    public void Policy_RelaxingMichiganToOneParty_IsRefusedWithoutAllowRelaxing()
    {
        var result = Core.Policy.PolicyParser.Parse(
            """{ "overrides": [ { "code": "US-MI", "rule": "one-party", "reason": "Sullivan v. Gray" } ] }""", JurisdictionCatalog.Default);
        Assert.False(result.IsValid);
        Assert.Contains("allowRelaxing", result.Error, StringComparison.Ordinal);
    }
}
