using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests;

/// <summary>Options name every problem at once and refuse ambiguous or unsafe settings.</summary>
public sealed class SalesforceClientOptionsTests
{
    [Fact]
    public void Validate_ClientCredentials_IsValid()
    {
        using var http = new HttpClient();
        using var client = new SalesforceClient(http, SalesforceHarness.ValidOptions(), TimeProvider.System);

        Assert.NotNull(client);
    }

    [Fact]
    public void Validate_Empty_NamesEveryMissingSetting()
    {
        var e = Assert.Throws<ArgumentException>(() => new SalesforceClient(new HttpClient(), new SalesforceClientOptions(), TimeProvider.System));

        Assert.Contains("LoginUrl is required", e.Message, StringComparison.Ordinal);
        Assert.Contains("ClientId is required", e.Message, StringComparison.Ordinal);
        Assert.Contains("Set ClientSecret", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://acme.my.salesforce.com", "https")]
    [InlineData("https://acme.my.salesforce.com/services", "without a path")]
    public void Validate_LoginUrl_MustBeAnHttpsHost(string url, string expected)
    {
        var options = SalesforceHarness.ValidOptions();
        options.LoginUrl = new Uri(url);

        var e = Assert.Throws<ArgumentException>(() => new SalesforceClient(new HttpClient(), options, TimeProvider.System));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LoopbackHttp_IsAcceptedForAStandIn()
    {
        var options = SalesforceHarness.ValidOptions();
        options.LoginUrl = new Uri("http://127.0.0.1:5099");

        using var client = new SalesforceClient(new HttpClient(), options, TimeProvider.System);

        Assert.NotNull(client);
    }

    [Fact]
    public void Validate_SecretAndUsername_AreTwoFlowsAtOnce()
    {
        var options = SalesforceHarness.ValidOptions();
        options.Username = "integration@acme.example";
        options.PrivateKeyPem = "x";

        var e = Assert.Throws<ArgumentException>(() => new SalesforceClient(new HttpClient(), options, TimeProvider.System));

        Assert.Contains("select different flows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UsernameWithoutKey_AsksForExactlyOne()
    {
        var options = SalesforceHarness.ValidOptions();
        options.ClientSecret = null;
        options.Username = "integration@acme.example";

        var e = Assert.Throws<ArgumentException>(() => new SalesforceClient(new HttpClient(), options, TimeProvider.System));

        Assert.Contains("exactly one of PrivateKeyPath, PrivateKeyPem or CertificatePath (got 0)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v66.0")]
    [InlineData("66")]
    public void Validate_ApiVersion_IsNumberDotNumber(string version)
    {
        var options = SalesforceHarness.ValidOptions();
        options.ApiVersion = version;

        Assert.Throws<ArgumentException>(() => new SalesforceClient(new HttpClient(), options, TimeProvider.System));
    }
}
