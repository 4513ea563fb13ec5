using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Decisions;

public sealed class ConsentEngineTests
{
    [Theory]
    [InlineData("US-TX", "US-TX", RecordingOutcome.RecordAfterNotice)]
    [InlineData("US-CA", "US-TX", RecordingOutcome.RecordAfterConsent)]
    [InlineData("US-TX", "US-CA", RecordingOutcome.RecordAfterConsent)]
    [InlineData("US-MT", "US-TX", RecordingOutcome.RecordAfterNotice)]
    [InlineData("GB", "GB", RecordingOutcome.RecordAfterNotice)]
    [InlineData("DE", "GB", RecordingOutcome.RecordAfterConsent)]
    [InlineData("CA-ON", "US-TX", RecordingOutcome.RecordAfterNotice)]
    [InlineData("AU-NSW", "AU-VIC", RecordingOutcome.RecordAfterConsent)]
    public void Decide_DefaultPolicy_StrictestRuleOfBothPartiesWins(string customer, string rep, RecordingOutcome expected)
    {
        Assert.Equal(expected, Decide(Verified(customer, rep)).Outcome);
    }

    [Theory]
    [InlineData(ConsentRule.OneParty, true, "explicit-consent", RecordingOutcome.RecordAfterNotice)]
    [InlineData(ConsentRule.OneParty, false, "explicit-consent", RecordingOutcome.Record)]
    [InlineData(ConsentRule.NoticeRequired, false, "explicit-consent", RecordingOutcome.RecordAfterNotice)]
    [InlineData(ConsentRule.AllParty, true, "explicit-consent", RecordingOutcome.RecordAfterConsent)]
    [InlineData(ConsentRule.AllPartyCivilOnly, true, "explicit-consent", RecordingOutcome.RecordAfterConsent)]
    [InlineData(ConsentRule.Ambiguous, true, "explicit-consent", RecordingOutcome.RecordAfterConsent)]
    [InlineData(ConsentRule.AllParty, true, "notice", RecordingOutcome.RecordAfterNotice)]
    [InlineData(ConsentRule.Ambiguous, false, "notice", RecordingOutcome.RecordAfterNotice)]
    public void OutcomeFor_RuleUnderPolicy_FollowsTheMapping(ConsentRule rule, bool alwaysAnnounce, string allPartyMode, RecordingOutcome expected)
    {
        var policy = PolicyFrom($$"""{ "alwaysAnnounce": {{(alwaysAnnounce ? "true" : "false")}}, "allPartyMode": "{{allPartyMode}}" }""");
        Assert.Equal(expected, ConsentEngine.Create(policy).OutcomeFor(rule));
    }

    [Fact]
    public void Decide_Subdivision_BringsItsNationalFloorAlong()
    {
        var d = Decide(Verified("US-TX", "GB"));
        Assert.Contains(d.Jurisdictions, j => j.Code.Value == "US" && j.Party == Party.Customer && j.Basis == JurisdictionBasis.NationalFloor);
        Assert.DoesNotContain(d.Jurisdictions, j => j.Code.Value == "GB" && j.Basis == JurisdictionBasis.NationalFloor);
    }

    [Fact]
    public void Decide_NationalFloorStricterThanState_Wins()
    {
        var policy = PolicyFrom("""{ "overrides": [ { "code": "US", "rule": "all-party", "reason": "test: stricter federal floor" } ] }""");
        var d = Decide(Verified("US-TX", "US-TX"), policy);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Equal("US", d.Deciding!.Code.Value);
    }

    [Fact]
    public void Decide_CustomerKnownOnlyByCountry_CountsEverySubdivision()
    {
        var d = Decide(new ContactFields { Country = "United States", RepRegion = "US-TX" });
        var expanded = d.Jurisdictions.Where(j => j.Party == Party.Customer && j.Basis == JurisdictionBasis.CountryWithoutSubdivision).ToList();
        Assert.Equal(52, expanded.Count);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Contains(d.Reasons, r => r.Contains("all 52", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_AustralianNumberAndVictorianAddress_UsesVictoriaNotEveryState()
    {
        var d = Decide(new ContactFields { Phone = "+61 3 9999 1234", Region = "VIC", Country = "Australia", RepRegion = "AU-VIC" });
        Assert.DoesNotContain(d.Jurisdictions, j => j.Code.Value == "AU-NSW");
        Assert.Equal(RecordingOutcome.RecordAfterNotice, d.Outcome);
    }

    [Fact]
    public void Decide_AustralianNumberWithoutState_CountsEveryStateSoNswApplies()
    {
        var d = Decide(new ContactFields { Phone = "+61 3 9999 1234", RepRegion = "AU-VIC" });
        Assert.Contains(d.Jurisdictions, j => j.Code.Value == "AU-NSW" && j.Basis == JurisdictionBasis.CountryWithoutSubdivision);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
    }

    [Fact]
    public void Decide_RepKnownOnlyByCountry_CountsEveryRepSubdivisionToo()
    {
        var d = Decide(Verified("GB", "US"));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Equal(Party.Rep, d.Deciding!.Party);
    }

    [Fact]
    public void Decide_NoCustomerLocation_UsesThePolicyUnknownLocation()
    {
        var input = new DecisionInput(new CustomerFacts(), ConsentRecord.None, false, J("US-TX"), Today);
        var d = Decide(input);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.True(d.CustomerLocationUnknown);
        Assert.Null(d.Deciding);
        Assert.Equal(RecordingOutcome.DoNotRecord, Decide(input, PolicyFrom("""{ "unknownLocation": "do-not-record" }""")).Outcome);
    }

    [Fact]
    public void Decide_TollFreeNumberOnly_IsAnUnknownLocation()
    {
        var d = Decide(new ContactFields { Phone = "1-800-555-0199", DefaultCountry = "US", RepRegion = "US-TX" });
        Assert.True(d.CustomerLocationUnknown);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Contains(d.Reasons, r => r.Contains("+18005550199, a toll-free number of US: a toll-free number (area code 800) places the customer nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_RecordingRegion_CountsAsAThirdParty()
    {
        var d = Decide(Verified("US-TX", "US-TX"), PolicyFrom("""{ "recordingRegion": "US-WA" }"""));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Equal(Party.Recording, d.Deciding!.Party);
    }

    [Fact]
    public void Decide_PlaceWithoutRuleOnFile_IsTreatedAsAmbiguousAndSaysSo()
    {
        var d = Decide(new ContactFields { Phone = "+234 802 123 4567", RepRegion = "GB" });
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Equal("NG", d.Deciding!.Code.Value);
        Assert.Contains(d.Reasons, r => r.Contains("No rule is on file for NG", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_PolicyAddsJurisdiction_UsesItsRuleAndName()
    {
        var policy = PolicyFrom("""{ "overrides": [ { "code": "NG", "name": "Nigeria", "rule": "notice-required", "reason": "counsel: NDPA 2023 notice" } ] }""");
        var d = Decide(new ContactFields { Phone = "+234 802 123 4567", RepRegion = "GB" }, policy);
        Assert.Equal(RecordingOutcome.RecordAfterNotice, d.Outcome);
        Assert.Contains(d.Jurisdictions, j => j.Code.Value == "NG" && j.Jurisdiction.Name == "Nigeria" && j.Override is not null);
    }

    [Fact]
    public void Decide_Override_IsListedInTheReasonsAndPolicyLines()
    {
        var policy = PolicyFrom("""{ "overrides": [ { "code": "US-TX", "rule": "all-party", "reason": "counsel memo 7" } ] }""");
        var d = Decide(Verified("US-TX", "US-TX"), policy);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Contains(d.Reasons, r => r.Contains("Policy override for US-TX", StringComparison.Ordinal) && r.Contains("counsel memo 7", StringComparison.Ordinal));
        Assert.Contains(d.PolicyLines, l => l.Contains("override US-TX", StringComparison.Ordinal));
        Assert.Contains("counsel memo 7", d.Deciding!.Statute, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConsentState.Declined, ConsentEffect.Declined)]
    [InlineData(ConsentState.Revoked, ConsentEffect.Revoked)]
    public void Decide_ConsentDeclinedOrRevoked_NeverRecords(ConsentState state, ConsentEffect effect)
    {
        var d = Decide(Verified("US-TX", "US-TX", new ConsentRecord(state, Today.AddDays(-3), "keypad")));
        Assert.Equal(RecordingOutcome.DoNotRecord, d.Outcome);
        Assert.Equal(effect, d.ConsentEffect);
        Assert.Equal(RecordingOutcome.RecordAfterNotice, d.LegalOutcome);
    }

    [Fact]
    public void Decide_DoNotRecordFlag_WinsOverGrantedConsent()
    {
        var d = Decide(Verified("US-TX", "US-TX", new ConsentRecord(ConsentState.Granted, Today), doNotRecord: true));
        Assert.Equal(RecordingOutcome.DoNotRecord, d.Outcome);
        Assert.Equal(ConsentEffect.DoNotRecordFlag, d.ConsentEffect);
        Assert.Contains("do-not-record", d.Reasons[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, RecordingOutcome.RecordAfterNotice, ConsentEffect.GrantedSatisfiesConsent)]
    [InlineData(365, RecordingOutcome.RecordAfterNotice, ConsentEffect.GrantedSatisfiesConsent)]
    [InlineData(366, RecordingOutcome.RecordAfterConsent, ConsentEffect.GrantedExpired)]
    [InlineData(-1, RecordingOutcome.RecordAfterConsent, ConsentEffect.GrantedInFuture)]
    public void Decide_GrantedConsentAge_SatisfiesExplicitConsentOnlyWhileValid(int daysOld, RecordingOutcome expected, ConsentEffect effect)
    {
        var d = Decide(Verified("US-CA", "US-CA", new ConsentRecord(ConsentState.Granted, Today.AddDays(-daysOld), "keypad")));
        Assert.Equal(expected, d.Outcome);
        Assert.Equal(effect, d.ConsentEffect);
    }

    [Fact]
    public void Decide_GrantedConsentWithoutDate_DoesNotCount()
    {
        var d = Decide(Verified("US-CA", "US-CA", new ConsentRecord(ConsentState.Granted)));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, d.Outcome);
        Assert.Equal(ConsentEffect.GrantedUndated, d.ConsentEffect);
    }

    [Fact]
    public void Decide_ConsentValidityDaysFromPolicy_IsHonoured()
    {
        var consent = new ConsentRecord(ConsentState.Granted, Today.AddDays(-40));
        Assert.Equal(RecordingOutcome.RecordAfterConsent, Decide(Verified("US-CA", "US-CA", consent), PolicyFrom("""{ "consentValidityDays": 30 }""")).Outcome);
    }

    [Fact]
    public void Decide_GrantedConsentWhereOnlyNoticeIsNeeded_ChangesNothing()
    {
        var d = Decide(Verified("US-TX", "US-TX", new ConsentRecord(ConsentState.Granted, Today)));
        Assert.Equal(RecordingOutcome.RecordAfterNotice, d.Outcome);
        Assert.Equal(ConsentEffect.GrantedNotNeeded, d.ConsentEffect);
    }

    [Fact]
    public void Decide_Any_StampsTheDataAndPolicyVersions()
    {
        var d = Decide(Verified("US-TX", "US-TX"), PolicyFrom("""{ "version": "q4" }"""));
        Assert.Equal(JurisdictionCatalog.Default.Version, d.Versions.Rules);
        Assert.Equal(CrmRecording.Core.Phones.CallingCodeTable.Default.Version, d.Versions.CallingCodes);
        Assert.Equal(CrmRecording.Core.Phones.NanpAreaCodeTable.Default.Version, d.Versions.AreaCodes);
        Assert.StartsWith("q4+sha256:", d.Versions.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SameInputTwice_GivesTheSameDecisionAndReasons()
    {
        var fields = new ContactFields { Phone = "(702) 555-0100", Device = "mobile", Region = "Texas", Country = "US", RepRegion = "US-FL" };
        var a = Decide(fields);
        var b = Decide(fields);
        Assert.Equal(a.Outcome, b.Outcome);
        Assert.Equal(a.Reasons, b.Reasons);
        Assert.Equal(a.Jurisdictions.Select(j => (j.Code, j.Party, j.Rule)), b.Jurisdictions.Select(j => (j.Code, j.Party, j.Rule)));
    }

    [Fact]
    public void Decide_Reasons_NameTheDecidingStatuteAndEveryEvidenceSource()
    {
        var d = Decide(new ContactFields { Phone = "(702) 555-0100", Device = "landline", Region = "TX", Country = "US", RepRegion = "US-TX" });
        Assert.StartsWith("record-after-consent: the strictest rule is all-party in Nevada (US-NV, customer;", d.Reasons[0], StringComparison.Ordinal);
        Assert.Contains(d.Reasons, r => r.Contains("area code 702 on a landline number (medium)", StringComparison.Ordinal));
        Assert.Contains(d.Reasons, r => r.Contains("CRM address TX, US (medium)", StringComparison.Ordinal));
        Assert.Equal(EvidenceStrength.Medium, d.CustomerEvidenceStrength);
    }

    [Fact]
    public void Decide_VerifiedLocation_SetsOtherSignalsAsideAndSaysSo()
    {
        var d = Decide(new ContactFields { Phone = "(702) 555-0100", Device = "landline", VerifiedLocation = "US-TX", RepRegion = "US-TX" });
        Assert.Equal(RecordingOutcome.RecordAfterNotice, d.Outcome);
        Assert.DoesNotContain(d.Jurisdictions, j => j.Code.Value == "US-NV");
        Assert.Contains(d.Reasons, r => r.Contains("verified location narrows", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_EqualRules_NamesTheStateTheEvidencePointsToRatherThanItsFederalFloor()
    {
        var d = Decide(new ContactFields { Phone = "+1 512 555 0100", Device = "landline", RepRegion = "US-TX" });
        Assert.Equal("US-TX", d.Deciding!.Code.Value);
        Assert.Equal(Party.Customer, d.Deciding.Party);
    }

    [Fact]
    public void KeyReasons_KeepTheDecidingRuleEvidenceAndConsentButNotTheRoutineLines()
    {
        var d = Decide(new ContactFields { Phone = "(702) 555-0100", Region = "TX", Country = "US", RepRegion = "US-TX", Consent = "granted", ConsentDate = "2026-01-05" });
        Assert.Equal(d.Reasons[0], d.KeyReasons[0]);
        Assert.Contains(d.KeyReasons, r => r.Contains("area code 702", StringComparison.Ordinal));
        Assert.Contains(d.KeyReasons, r => r.StartsWith("Consent granted on 2026-01-05", StringComparison.Ordinal));
        Assert.DoesNotContain(d.KeyReasons, r => r.StartsWith("Policy:", StringComparison.Ordinal));
        Assert.Contains(d.Reasons, r => r.StartsWith("Policy:", StringComparison.Ordinal));
        Assert.True(d.KeyReasons.Count < d.Reasons.Count);
    }
}
