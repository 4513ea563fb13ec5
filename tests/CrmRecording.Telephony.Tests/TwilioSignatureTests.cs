using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Telephony.Tests;

/// <summary>
/// X-Twilio-Signature per Twilio's "Webhooks security": the documented vector (token 12345), and the JSON
/// variant's vector shared by Twilio's helper libraries' tests (bodySHA256 of <c>{"property": "value", "boolean": true}</c>).
/// </summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Expected = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
    private const string JsonBody = """{"property": "value", "boolean": true}""";
    private const string JsonUrl = Url + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    private const string JsonSignature = "a9nBmqA0ju/hNViExpshrM61xv4=";

    private static readonly KeyValuePair<string, string>[] Params =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+12349013030"),
        new("Digits", "1234"),
        new("From", "+12349013030"),
        new("To", "+18005551212"),
    ];

    [Fact]
    public void Compute_TwilioDocumentedExample_MatchesItsSignature()
    {
        Assert.Equal(Expected, TwilioSignature.Compute(Token, Url, Params));
    }

    [Fact]
    public void Compute_ParametersInAnyOrder_SortsThemByName()
    {
        Assert.Equal(Expected, TwilioSignature.Compute(Token, Url, Params.Reverse()));
    }

    [Fact]
    public void Compute_RepeatedName_KeepsValuesInTheOrderReceived()
    {
        KeyValuePair<string, string>[] form = [new("StatusCallbackEvent", "ringing"), new("A", "1"), new("StatusCallbackEvent", "answered")];
        var expected = Hmac(Token, "https://x.example/cb" + "A1" + "StatusCallbackEventringing" + "StatusCallbackEventanswered");

        Assert.Equal(expected, TwilioSignature.Compute(Token, "https://x.example/cb", form));
        Assert.NotEqual(expected, TwilioSignature.Compute(Token, "https://x.example/cb", form.Reverse()));
    }

    [Fact]
    public void IsValidForm_RepeatedNameSignedWithSortedValues_IsValid_ButAnotherTokenIsNot()
    {
        KeyValuePair<string, string>[] received = [new("StatusCallbackEvent", "ringing"), new("CallSid", "CA1"), new("StatusCallbackEvent", "answered")];
        KeyValuePair<string, string>[] sorted = [new("CallSid", "CA1"), new("StatusCallbackEvent", "answered"), new("StatusCallbackEvent", "ringing")];
        var signedSorted = TwilioSignature.Compute(Token, Url, sorted);

        Assert.True(TwilioSignature.IsValidForm(Token, Url, received, signedSorted));
        Assert.True(TwilioSignature.IsValidForm(Token, Url, received, TwilioSignature.Compute(Token, Url, received)));
        Assert.False(TwilioSignature.IsValidForm(Token, Url, received, TwilioSignature.Compute("54321", Url, sorted)));
    }

    [Fact]
    public void IsValidForm_TwilioDocumentedExample_IsValid()
    {
        Assert.True(TwilioSignature.IsValidForm(Token, Url, Params, Expected));
    }

    [Fact]
    public void IsValidForm_WrongToken_IsInvalid()
    {
        Assert.False(TwilioSignature.IsValidForm("54321", Url, Params, Expected));
    }

    [Fact]
    public void IsValidForm_OneParameterTampered_IsInvalid()
    {
        var tampered = Params.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "1235") : p);

        Assert.False(TwilioSignature.IsValidForm(Token, Url, tampered, Expected));
    }

    [Fact]
    public void IsValidForm_ParameterAdded_IsInvalid()
    {
        Assert.False(TwilioSignature.IsValidForm(Token, Url, [.. Params, new("RecordingUrl", "https://evil.example/")], Expected));
    }

    [Fact]
    public void IsValidForm_QueryChanged_IsInvalid()
    {
        Assert.False(TwilioSignature.IsValidForm(Token, Url.Replace("foo=1", "foo=2", StringComparison.Ordinal), Params, Expected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ")]
    [InlineData("not base64 at all")]
    public void IsValidForm_MissingOrMalformedHeader_IsInvalid(string? signature)
    {
        Assert.False(TwilioSignature.IsValidForm(Token, Url, Params, signature));
    }

    [Fact]
    public void IsValidForm_SignedWithDefaultPortReceivedWithout_IsValid()
    {
        var signature = TwilioSignature.Compute(Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", Params);

        Assert.True(TwilioSignature.IsValidForm(Token, Url, Params, signature));
    }

    [Fact]
    public void IsValidForm_SignedWithoutPortReceivedWithDefaultPort_IsValid()
    {
        Assert.True(TwilioSignature.IsValidForm(Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", Params, Expected));
    }

    [Fact]
    public void IsValidForm_HttpSignedWithPort80ReceivedWithout_IsValid()
    {
        var signature = TwilioSignature.Compute(Token, "http://127.0.0.1:80/twilio/voice", Params);

        Assert.True(TwilioSignature.IsValidForm(Token, "http://127.0.0.1/twilio/voice", Params, signature));
    }

    [Fact]
    public void IsValidForm_OtherHost_IsInvalid()
    {
        Assert.False(TwilioSignature.IsValidForm(Token, "https://mycompany.example/myapp.php?foo=1&bar=2", Params, Expected));
    }

    [Theory]
    [InlineData("https://a.example/x?y=1", new[] { "https://a.example/x?y=1", "https://a.example:443/x?y=1" })]
    [InlineData("https://a.example:443/x", new[] { "https://a.example:443/x", "https://a.example/x" })]
    [InlineData("http://a.example", new[] { "http://a.example", "http://a.example:80" })]
    [InlineData("https://user:pass@a.example:8443/x", new[] { "https://user:pass@a.example:8443/x", "https://user:pass@a.example/x" })]
    public void UrlVariants_AddDefaultPortOrRemoveThePort(string url, string[] expected)
    {
        Assert.Equal(expected, TwilioSignature.UrlVariants(url));
    }

    [Fact]
    public void IsValidJson_TwilioLibrariesVector_IsValid()
    {
        Assert.True(TwilioSignature.IsValidJson(Token, JsonUrl, Encoding.UTF8.GetBytes(JsonBody), JsonSignature));
    }

    [Fact]
    public void IsValidJson_BodyTampered_IsInvalid()
    {
        Assert.False(TwilioSignature.IsValidJson(Token, JsonUrl, Encoding.UTF8.GetBytes(JsonBody.Replace("true", "false", StringComparison.Ordinal)), JsonSignature));
    }

    [Fact]
    public void IsValidJson_BodyHashReplacedToMatchATamperedBody_IsInvalid()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"property": "evil"}""");
        var url = Url + "&bodySHA256=" + Convert.ToHexStringLower(SHA256.HashData(tampered));

        Assert.False(TwilioSignature.IsValidJson(Token, url, tampered, JsonSignature));
    }

    [Fact]
    public void IsValidJson_NoBodyHashInUrl_IsInvalid()
    {
        var signature = TwilioSignature.Compute(Token, Url, []);

        Assert.False(TwilioSignature.IsValidJson(Token, Url, Encoding.UTF8.GetBytes(JsonBody), signature));
    }

    [Fact]
    public void IsValidJson_UppercaseHexSignedAsSent_IsValidBecauseItNamesTheSameDigest()
    {
        var url = Url + "&bodySHA256=0A1FF7634D9AB3B95DB5C9A2DFE9416E41502B283A80C7CF19632632F96E6620";
        var signature = TwilioSignature.Compute(Token, url, []);

        Assert.True(TwilioSignature.IsValidJson(Token, url, Encoding.UTF8.GetBytes(JsonBody), signature));
    }

    [Fact]
    public void IsValidJson_HexCaseChangedAfterSigning_IsInvalid()
    {
        var url = JsonUrl.Replace("0a1ff7634d", "0A1FF7634D", StringComparison.Ordinal);

        Assert.False(TwilioSignature.IsValidJson(Token, url, Encoding.UTF8.GetBytes(JsonBody), JsonSignature));
    }

    [Fact]
    public void IsValidJson_WithDefaultPortAdded_IsValid()
    {
        var url = JsonUrl.Replace("mycompany.com/", "mycompany.com:443/", StringComparison.Ordinal);

        Assert.True(TwilioSignature.IsValidJson(Token, url, Encoding.UTF8.GetBytes(JsonBody), JsonSignature));
    }

    [Fact]
    public void IsValidJson_MissingHeader_IsInvalid()
    {
        Assert.False(TwilioSignature.IsValidJson(Token, JsonUrl, Encoding.UTF8.GetBytes(JsonBody), null));
    }

    [Theory]
    [InlineData("https://media.example.com", "/twilio/voice?call=7f3a", "https://media.example.com/twilio/voice?call=7f3a")]
    [InlineData("https://media.example.com/", "twilio/voice", "https://media.example.com/twilio/voice")]
    [InlineData("https://example.com/crm", "/twilio/voice?To=%2B15558675310", "https://example.com/crm/twilio/voice?To=%2B15558675310")]
    [InlineData("https://example.com/crm/", "/twilio/voice", "https://example.com/crm/twilio/voice")]
    [InlineData("https://example.com:8443/crm/", "/twilio/voice", "https://example.com:8443/crm/twilio/voice")]
    public void PublicRequestUrl_BaseWithOrWithoutPrefix_RebuildsTheUrlTwilioCalled(string publicBase, string pathAndQuery, string expected)
    {
        Assert.Equal(expected, TwilioSignature.PublicRequestUrl(new Uri(publicBase), pathAndQuery).AbsoluteUri);
    }

    [Fact]
    public void PublicRequestUrl_ThenIsValidForm_AcceptsTheDocumentedExampleBehindAProxy()
    {
        var url = TwilioSignature.PublicRequestUrl(new Uri("https://mycompany.com/"), "/myapp.php?foo=1&bar=2");

        Assert.True(TwilioSignature.IsValidForm(Token, url.AbsoluteUri, Params, Expected));
    }

    private static string Hmac(string key, string data) =>
#pragma warning disable CA5350 // Twilio signs with HMAC-SHA1; the test states the algorithm independently.
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data)));
#pragma warning restore CA5350
}
