using System.ComponentModel.DataAnnotations;
using CrmRecording.Telephony.Tests.Support;

namespace CrmRecording.Telephony.Tests;

public sealed class TwilioClientOptionsTests
{
    [Fact]
    public void Validate_AccountSidAndAuthToken_IsValid()
    {
        Assert.Empty(Errors(ClientHarness.ValidOptions()));
    }

    [Fact]
    public void Validate_LoopbackHttpStandIn_IsValid()
    {
        var options = ClientHarness.ValidOptions();
        options.ApiBaseUrl = new Uri("http://127.0.0.1:5072/");
        options.LookupBaseUrl = new Uri("http://localhost:5072/");

        Assert.Empty(Errors(options));
    }

    [Theory]
    [InlineData("sid", "AccountSid", "Twilio:AccountSid must be the account SID")]
    [InlineData("no-token", "AuthToken", "Twilio:AuthToken is required")]
    [InlineData("key-without-secret", "ApiKeySecret", "set both")]
    [InlineData("bad-key", "ApiKeySid", "Twilio:ApiKeySid must be SK followed by 32")]
    [InlineData("http-api", "ApiBaseUrl", "must use https")]
    [InlineData("relative-public", "PublicBaseUrl", "must be an absolute URL")]
    [InlineData("caller-id", "CallerId", "Twilio:CallerId must be an E.164 number")]
    [InlineData("retries", "MaxRetries", "between 0 and 10")]
    [InlineData("cache", "LookupCacheDuration", "between 0 and 365 days")]
    public void Validate_InvalidSetting_NamesTheKeyAndWhatToSet(string scenario, string member, string message)
    {
        var options = ClientHarness.ValidOptions();
        switch (scenario)
        {
            case "sid": options.AccountSid = "AC123"; break;
            case "no-token": options.AuthToken = " "; break;
            case "key-without-secret": options.ApiKeySid = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"; break;
            case "bad-key": options.ApiKeySid = "AKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"; options.ApiKeySecret = "s"; break;
            case "http-api": options.ApiBaseUrl = new Uri("http://api.twilio.com/"); break;
            case "relative-public": options.PublicBaseUrl = new Uri("/crm", UriKind.Relative); break;
            case "caller-id": options.CallerId = "(415) 555-0100"; break;
            case "retries": options.MaxRetries = 11; break;
            case "cache": options.LookupCacheDuration = TimeSpan.FromDays(-1); break;
        }

        var error = Assert.Single(Errors(options));

        Assert.Contains(member, error.MemberNames);
        Assert.Contains(message, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithSecrets_NeverShowsThem()
    {
        var options = ClientHarness.ValidOptions();
        options.ApiKeySid = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        options.ApiKeySecret = "very-secret-key";

        var text = options.ToString();

        Assert.DoesNotContain(ClientHarness.AuthToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-key", text, StringComparison.Ordinal);
        Assert.Contains(ClientHarness.AccountSid, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SecretPastedAsAccountSid_DoesNotEchoIt()
    {
        var options = ClientHarness.ValidOptions();
        options.AccountSid = "0123456789abcdef-secret-token";

        var error = Assert.Single(Errors(options));

        Assert.DoesNotContain("secret-token", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsListingEveryProblem()
    {
        var options = new TwilioClientOptions { AccountSid = "x" };
        using var http = new HttpClient();

        var e = Assert.Throws<ArgumentException>(() => new TwilioClient(http, options, TimeProvider.System));

        Assert.Contains("AccountSid", e.Message, StringComparison.Ordinal);
        Assert.Contains("AuthToken", e.Message, StringComparison.Ordinal);
    }

    private static List<ValidationResult> Errors(TwilioClientOptions options) => [.. options.Validate(new ValidationContext(options))];
}
