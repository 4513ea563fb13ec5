using System.Net;
using CrmRecording.Emulators.Salesforce.Seed;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CrmRecording.Service.Tests.SignIn;

/// <summary>Pages opened inside Salesforce sign in through the org (here the sandbox's Salesforce issuer): the page token names the Salesforce User.</summary>
public sealed class SalesforceSignInTests : IDisposable
{
    private readonly SignInHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task SalesforcePopup_Reviewer_PageTokenNamesTheSalesforceUserAndOrgAndRenews()
    {
        using var browser = _host.NewBrowser();

        var picker = await browser.GoAsync(browser.At("/signin/popup?crm=salesforce"));
        var page = await browser.ClickAsync(picker, "Sam Okafor");
        var message = page.SignInMessage();

        Assert.Equal("/signin/popup/complete", page.Url.AbsolutePath);
        Assert.Equal("salesforce", message.GetProperty("user").GetProperty("crm").GetString());
        Assert.Equal(SalesforceSeed.Users.ComplianceReviewer, message.GetProperty("user").GetProperty("salesforceUserId").GetString());
        var token = new JsonWebToken(message.GetProperty("token").GetString());
        Assert.Equal(SalesforceSeed.Users.ComplianceReviewer, token.GetClaim("sf_user_id").Value);
        Assert.Equal(SalesforceSeed.OrganizationId, token.GetClaim("organization_id").Value);
        Assert.Equal($"https://login.salesforce.com/id/{SalesforceSeed.OrganizationId}/{SalesforceSeed.Users.ComplianceReviewer}", token.Subject);
        Assert.False(token.TryGetClaim("oid", out _));

        var (renewed, body) = await _host.RenewAsync(token.EncodedToken);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(SalesforceSeed.Users.ComplianceReviewer, new JsonWebToken(body.GetProperty("token").GetString()).GetClaim("sf_user_id").Value);
    }

    [Fact]
    public async Task SalesforcePopup_SignedInToDynamicsAtTopLevel_StillAsksTheSalesforceOrg()
    {
        using var browser = _host.NewBrowser();
        await browser.SignInAsync("Morgan Blake");

        var picker = await browser.GoAsync(browser.At("/signin/popup?crm=salesforce"));

        Assert.NotEqual("/signin/popup/complete", picker.Url.AbsolutePath);
        Assert.Contains(">Taylor Brooks</button>", picker.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Integration User</button>", picker.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Popup_UnknownCrm_Is400PageWithoutARedirect()
    {
        using var browser = _host.NewBrowser();

        var page = await browser.GoAsync(browser.At("/signin/popup?crm=sap"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
        Assert.Equal("crr-signin-error", page.SignInMessage().GetProperty("type").GetString());
    }
}
