using CrmRecording.Service.Pages;

namespace CrmRecording.Service.Tests.Pages;

public sealed class PagePolicyTests
{
    private static PagePolicy Policy(string[]? ancestors = null, string[]? orgs = null) =>
        new(Microsoft.Extensions.Options.Options.Create(new PageOptions { FrameAncestors = ancestors ?? [], OrgOrigins = orgs ?? [] }));

    [Theory]
    [InlineData("https://contoso.crm.dynamics.com", "https://contoso.crm.dynamics.com")]
    [InlineData("https://contoso.crm4.dynamics.com/", "https://contoso.crm4.dynamics.com")]
    [InlineData("https://CONTOSO.crm.dynamics.com", "https://contoso.crm.dynamics.com")]
    public void AllowedOrg_DynamicsOrgByDefault_IsItsOrigin(string text, string expected) =>
        Assert.Equal(new Uri(expected), Policy().AllowedOrg(text));

    [Theory]
    [InlineData("https://crm.dynamics.com")] // the wildcard needs a label of its own
    [InlineData("https://contoso.crm.dynamics.com.evil.example")]
    [InlineData("https://evilcrm.dynamics.com")]
    [InlineData("http://contoso.crm.dynamics.com")] // scheme is part of the origin
    [InlineData("https://contoso.crm.dynamics.com:8443")]
    [InlineData("https://contoso.crm.dynamics.com/main.aspx")]
    [InlineData("https://user@contoso.crm.dynamics.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("//contoso.crm.dynamics.com")]
    [InlineData("")]
    [InlineData(null)]
    public void AllowedOrg_AnythingElse_IsRefused(string? text) =>
        Assert.Null(Policy().AllowedOrg(text));

    [Fact]
    public void AllowedOrg_ConfiguredOrigins_ReplaceTheDefaults()
    {
        var policy = Policy(orgs: ["http://127.0.0.2:5081"]);

        Assert.Equal(new Uri("http://127.0.0.2:5081"), policy.AllowedOrg("http://127.0.0.2:5081"));
        Assert.Null(policy.AllowedOrg("http://127.0.0.2:5082"));
        Assert.Null(policy.AllowedOrg("https://contoso.crm.dynamics.com"));
    }

    [Fact]
    public void ContentSecurityPolicy_ByDefault_LetsOnlyDynamicsFrameThePage_AndScriptsComeFromTheService()
    {
        var csp = Policy().ContentSecurityPolicy();

        Assert.Contains("frame-ancestors 'self' https://*.crm.dynamics.com https://*.crm2.dynamics.com", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentSecurityPolicy_PageThatLoadsTheOrgLibrary_AllowsThatOriginOnly()
    {
        var csp = Policy().ContentSecurityPolicy(scriptOrigins: ["https://contoso.crm.dynamics.com"]);

        Assert.Contains("script-src 'self' https://contoso.crm.dynamics.com;", csp, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AnAncestorThatIsNotAnOrigin_FailsAtStart()
    {
        using var factory = new ServiceFactory();
        factory.Settings["Pages:FrameAncestors:0"] = "https://contoso.crm.dynamics.com/path";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Pages:FrameAncestors", error.ToString(), StringComparison.Ordinal);
    }
}
