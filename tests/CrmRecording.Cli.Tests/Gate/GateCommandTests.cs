using System.Text.Json;

namespace CrmRecording.Cli.Tests.Gate;

public sealed class GateCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var r = Crmrec.Run(["gate", .. args, "--format", "json", "--as-of", "2026-11-24"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void Gate_CaliforniaMobileTexasRep_PrintsDecisionJurisdictionsReasonsAndVersion()
    {
        var json = Json("--customer-phone", "(415) 555-0142", "--device", "mobile", "--rep-region", "US-TX");
        Assert.Equal("record-after-consent", json.GetProperty("decision").GetString());
        var jurisdictions = json.GetProperty("jurisdictions").EnumerateArray()
            .Select(j => (j.GetProperty("code").GetString(), j.GetProperty("rule").GetString(), j.GetProperty("party").GetString())).ToList();
        Assert.Contains(("US-CA", "all-party", "customer"), jurisdictions);
        Assert.Contains(("US-TX", "one-party", "rep"), jurisdictions);
        Assert.Contains(("US", "one-party", "customer"), jurisdictions);
        Assert.Contains(json.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("Cal. Penal Code", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}\.\d+\.\d+$", json.GetProperty("rulesVersion").GetString());
        Assert.Equal("+14155550142", json.GetProperty("customerPhone").GetString());
        var phone = json.GetProperty("phone");
        Assert.Equal("US", phone.GetProperty("region").GetString());
        Assert.Equal("fixed-line-or-mobile", phone.GetProperty("type").GetString());
        Assert.True(phone.GetProperty("valid").GetBoolean());
        Assert.Equal(["US-CA"], phone.GetProperty("places").EnumerateArray().Select(p => p.GetString()));
        Assert.StartsWith("libphonenumber ", json.GetProperty("dataVersions").GetProperty("phoneMetadata").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_KoreanCarrierPrefix_ReadsTheCalifornianNumberAndSaysSo()
    {
        var json = Json("--customer-phone", "008 1 415 555 0142", "--default-country", "KR", "--rep-region", "US-TX");
        Assert.Equal("+14155550142", json.GetProperty("phone").GetProperty("e164").GetString());
        Assert.Equal("record-after-consent", json.GetProperty("decision").GetString());
        Assert.Contains(json.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("phone +14155550142, a fixed-line-or-mobile number of US: area code 415", StringComparison.Ordinal));
    }

    [Fact]
    public void Gate_NumberNotValidForItsCountry_SaysSoAndTreatsTheLocationAsUnknown()
    {
        var json = Json("--customer-phone", "+44 1632 960123", "--rep-region", "US-TX");
        Assert.False(json.GetProperty("phone").GetProperty("valid").GetBoolean());
        Assert.True(json.GetProperty("customerLocationUnknown").GetBoolean());
        Assert.Equal("record-after-consent", json.GetProperty("decision").GetString());
        Assert.Contains(json.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("+441632960123 is not a valid number for GB", StringComparison.Ordinal));
    }

    [Fact]
    public void Gate_TextFormat_ShowsThePhoneAsRead()
    {
        var r = Crmrec.Run("gate", "--customer-phone", "+44 800 123 4567", "--rep-region", "US-TX", "--as-of", "2026-11-24");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Phone: +448001234567, a toll-free number of GB; places the customer in GB.", r.Out, StringComparison.Ordinal);
        Assert.Contains("phone metadata libphonenumber ", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_DeclinedConsent_IsDoNotRecord()
    {
        var json = Json("--customer-phone", "+1 512 555 0100", "--consent", "declined", "--rep-region", "US-TX");
        Assert.Equal("do-not-record", json.GetProperty("decision").GetString());
        Assert.Equal("record-after-notice", json.GetProperty("legalDecision").GetString());
    }

    [Fact]
    public void Gate_GrantedConsentWithinValidity_RecordsAfterNotice()
    {
        var json = Json("--customer-phone", "+1 415 555 0142", "--consent", "granted", "--consent-date", "2026-06-01", "--rep-region", "US-CA");
        Assert.Equal("record-after-notice", json.GetProperty("decision").GetString());
    }

    [Fact]
    public void Gate_PolicyFile_IsAppliedAndStamped()
    {
        using var dir = new TempDir();
        var policy = dir.File("policy.json", """{ "version": "ops-7", "alwaysAnnounce": false }""");
        var json = Json("--customer-phone", "+1 512 555 0100", "--device", "landline", "--rep-region", "US-TX", "--policy", policy);
        Assert.Equal("record", json.GetProperty("decision").GetString());
        Assert.StartsWith("ops-7+sha256:", json.GetProperty("dataVersions").GetProperty("policy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_TextFormat_ExplainsInPlainWords()
    {
        var r = Crmrec.Run("gate", "--customer-phone", "+1 702 555 0100", "--rep-region", "US-TX", "--as-of", "2026-11-24");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Recording: RECORD AFTER CONSENT", r.Out, StringComparison.Ordinal);
        Assert.Contains("asked to agree", r.Out, StringComparison.Ordinal);
        Assert.Contains("Nevada", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--customer-phone", "415-555-O142", "--customer-phone")]
    [InlineData("--customer-phone", "+44 20 7946 09", "--customer-phone")]
    [InlineData("--device", "pager", "--device")]
    [InlineData("--consent", "maybe", "--consent")]
    [InlineData("--consent-date", "1/2/2026", "--consent-date")]
    [InlineData("--rep-region", "Mars", "--rep-region")]
    [InlineData("--customer-region", "Kalifornia", "--customer-region")]
    [InlineData("--as-of", "tomorrow", "--as-of")]
    [InlineData("--default-country", "XX", "--default-country")]
    [InlineData("--format", "xml", "--format")]
    [InlineData("--policy", "/nonexistent/policy.json", "--policy")]
    public void Gate_InvalidOption_ExitsTwoNamingIt(string option, string value, string named)
    {
        string[] args = option == "--customer-phone"
            ? ["gate", option, value]
            : ["gate", "--customer-phone", "+1 415 555 0142", option, value];
        var r = Crmrec.Run(args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(named, r.Error, StringComparison.Ordinal);
        Assert.Empty(r.Out);
    }

    [Fact]
    public void Gate_PolicyWithUnknownKey_ExitsTwoNamingTheKey()
    {
        using var dir = new TempDir();
        var policy = dir.File("policy.json", """{ "alwaysAnnouce": false }""");
        var r = Crmrec.Run("gate", "--customer-phone", "+1 415 555 0142", "--policy", policy);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("alwaysAnnouce", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_MissingPhone_ExitsTwo()
    {
        var r = Crmrec.Run("gate", "--rep-region", "US-TX");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--customer-phone", r.Error, StringComparison.Ordinal);
    }
}
