using CrmRecording.Service.Pages;

namespace CrmRecording.Service.Tests.Pages;

/// <summary>Which Salesforce orgs may frame the pages and serve the dialer its Open CTI library.</summary>
public sealed class SalesforcePagePolicyTests
{
    private static PagePolicy Policy(string? myDomain = null, bool inUse = true, string[]? salesforceOrgs = null) =>
        new(Microsoft.Extensions.Options.Options.Create(new PageOptions { SalesforceMyDomain = myDomain, SalesforceInUse = inUse, SalesforceOrgOrigins = salesforceOrgs ?? [] }));

    [Fact]
    public void AllowedOrg_LightningOriginByDefault_IsAllowedForTheSalesforceDialerOnly()
    {
        var policy = Policy();

        Assert.Equal(new Uri("https://contoso.lightning.force.com"), policy.AllowedOrg("https://contoso.lightning.force.com", "salesforce"));
        Assert.Null(policy.AllowedOrg("https://contoso.lightning.force.com"));
        Assert.Null(policy.AllowedOrg("https://contoso.crm.dynamics.com", "salesforce"));
    }

    [Fact]
    public void AllowedOrg_MyDomainConfigured_OnlyThatOrg()
    {
        var policy = Policy(myDomain: "contoso");

        Assert.Equal(new Uri("https://contoso.lightning.force.com"), policy.AllowedOrg("https://contoso.lightning.force.com", "salesforce"));
        Assert.Null(policy.AllowedOrg("https://fabrikam.lightning.force.com", "salesforce"));
    }

    [Fact]
    public void FrameAncestors_ByDefault_GainEveryOrgsLightningAndMyDomainHosts()
    {
        var ancestors = Policy().FrameAncestors;

        Assert.Contains("https://*.crm.dynamics.com", ancestors, StringComparison.Ordinal);
        Assert.EndsWith("https://*.lightning.force.com https://*.my.salesforce.com", ancestors, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameAncestors_MyDomainConfigured_NameThatOrgNotAWildcard()
    {
        var ancestors = Policy(myDomain: "contoso--uat.sandbox").FrameAncestors;

        Assert.EndsWith("https://contoso--uat.sandbox.lightning.force.com https://contoso--uat.sandbox.my.salesforce.com", ancestors, StringComparison.Ordinal);
        Assert.DoesNotContain("*.lightning.force.com", ancestors, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameAncestors_SalesforceOff_NoSalesforceHostAndNoSalesforceOrg()
    {
        var policy = Policy(inUse: false);

        Assert.DoesNotContain("force.com", policy.FrameAncestors, StringComparison.Ordinal);
        Assert.Null(policy.AllowedOrg("https://contoso.lightning.force.com", "salesforce"));
    }

    [Theory]
    [InlineData("https://contoso.lightning.force.com/lightning/r/Call_Recording__c/a01/view", true)]
    [InlineData("https://contoso.my.salesforce.com/", true)]
    [InlineData("https://contoso.crm.dynamics.com/main.aspx", false)]
    [InlineData("https://lightning.force.com.evil.example/", false)]
    [InlineData("not a url", false)]
    [InlineData("", false)]
    public void IsSalesforceOrigin_RefererOfAnOrgPage_OnlyForSalesforceHosts(string referer, bool expected) =>
        Assert.Equal(expected, Policy().IsSalesforceOrigin(referer));
}
