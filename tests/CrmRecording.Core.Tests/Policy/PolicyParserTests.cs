using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Policy;

namespace CrmRecording.Core.Tests.Policy;

public sealed class PolicyParserTests
{
    private static PolicyParseResult Parse(string json) => PolicyParser.Parse(json, JurisdictionCatalog.Default);

    [Fact]
    public void Parse_EmptyObject_GivesTheDefaults()
    {
        var policy = Calls.PolicyFrom("{}");
        Assert.True(policy.AlwaysAnnounce);
        Assert.Equal(AllPartyMode.ExplicitConsent, policy.AllPartyMode);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, policy.UnknownLocation);
        Assert.Equal(365, policy.ConsentValidityDays);
        Assert.Null(policy.RecordingRegion);
        Assert.Empty(policy.Overrides);
        Assert.False(policy.AllowRelaxing);
    }

    [Fact]
    public void Parse_EveryKey_IsRead()
    {
        var policy = Calls.PolicyFrom("""
            {
              "version": "2026-q4",
              "alwaysAnnounce": false,
              "allPartyMode": "notice",
              "unknownLocation": "do-not-record",
              "consentValidityDays": 180,
              "recordingRegion": "us-va",
              "overrides": [ { "code": "US-TX", "rule": "all-party", "reason": "counsel's advice 2026-10" } ]
            }
            """);
        Assert.False(policy.AlwaysAnnounce);
        Assert.Equal(AllPartyMode.Notice, policy.AllPartyMode);
        Assert.Equal(RecordingOutcome.DoNotRecord, policy.UnknownLocation);
        Assert.Equal(180, policy.ConsentValidityDays);
        Assert.Equal("US-VA", policy.RecordingRegion?.Value);
        var o = Assert.Single(policy.Overrides);
        Assert.Equal(ConsentRule.AllParty, o.Rule);
        Assert.StartsWith("2026-q4+sha256:", policy.Version, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "alwaysAnnouce": true }""", "alwaysAnnouce")]
    [InlineData("""{ "alwaysAnnounce": "yes" }""", "alwaysAnnounce")]
    [InlineData("""{ "allPartyMode": "implied" }""", "allPartyMode")]
    [InlineData("""{ "unknownLocation": "record" }""", "unknownLocation")]
    [InlineData("""{ "consentValidityDays": -1 }""", "consentValidityDays")]
    [InlineData("""{ "consentValidityDays": 12.5 }""", "consentValidityDays")]
    [InlineData("""{ "recordingRegion": "Virginia!" }""", "recordingRegion")]
    [InlineData("""{ "overrides": {} }""", "overrides")]
    [InlineData("""{ "overrides": [ { "code": "US-TX", "rule": "two-party", "reason": "x" } ] }""", "overrides[0].rule")]
    [InlineData("""{ "overrides": [ { "code": "US-TX", "rule": "all-party" } ] }""", "overrides[0].reason")]
    [InlineData("""{ "overrides": [ { "code": "Texas!", "rule": "all-party", "reason": "x" } ] }""", "overrides[0].code")]
    [InlineData("""{ "overrides": [ { "code": "US-TX", "rule": "all-party", "reason": "x", "expires": "2027" } ] }""", "overrides[0].expires")]
    [InlineData("""{ "overrides": [ { "code": "US-TX", "rule": "all-party", "reason": "x" }, { "code": "us-tx", "rule": "ambiguous", "reason": "y" } ] }""", "overrides[1].code")]
    [InlineData("""[ ]""", "JSON object")]
    [InlineData("""{ "alwaysAnnounce": tru }""", "not valid JSON")]
    public void Parse_BadKeyOrValue_FailsNamingIt(string json, string named)
    {
        var result = Parse(json);
        Assert.False(result.IsValid);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverrideRelaxingTheLaw_IsRefusedAndSaysHowToAllowIt()
    {
        var result = Parse("""{ "overrides": [ { "code": "US-CA", "rule": "one-party", "reason": "sales wants it" } ] }""");
        Assert.False(result.IsValid);
        Assert.Contains("less strict", result.Error, StringComparison.Ordinal);
        Assert.Contains("allowRelaxing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverrideRelaxingWithAllowRelaxing_IsAccepted()
    {
        var policy = Calls.PolicyFrom("""{ "allowRelaxing": true, "overrides": [ { "code": "US-CA", "rule": "notice-required", "reason": "counsel memo 12" } ] }""");
        Assert.Equal(ConsentRule.NoticeRequired, Assert.Single(policy.Overrides).Rule);
    }

    [Fact]
    public void Parse_SameRuleAsTheData_IsNotRelaxing()
    {
        var policy = Calls.PolicyFrom("""{ "overrides": [ { "code": "US-CA", "rule": "all-party", "reason": "restated" } ] }""");
        Assert.Single(policy.Overrides);
    }

    [Fact]
    public void Parse_Version_ChangesWhenTheFileChanges()
    {
        var a = Calls.PolicyFrom("""{ "version": "v1", "alwaysAnnounce": true }""");
        var b = Calls.PolicyFrom("""{ "version": "v1", "alwaysAnnounce": false }""");
        Assert.NotEqual(a.Version, b.Version);
    }
}
