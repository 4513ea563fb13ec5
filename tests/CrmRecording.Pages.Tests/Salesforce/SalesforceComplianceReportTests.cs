using CrmRecording.Pages.Tests.Hosting;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Salesforce;

/// <summary>
/// The compliance report opened from the sandbox Lightning page (<c>?crm=salesforce</c>): it offers the Salesforce
/// sign-in, shows the report to a holder of the Recording_Reviewer permission and refuses a user without it.
/// </summary>
public sealed class SalesforceComplianceReportTests(LightningPagesHost host) : IClassFixture<LightningPagesHost>
{
    [Fact]
    public async Task Report_FromTheLightningPage_SalesforceReviewerSeesTheReport()
    {
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await OpenFromLightningPageAsync(context);

        var answer = page.WaitForResponseAsync(r => r.Url.Contains("/api/reports/compliance", StringComparison.Ordinal));
        await SignIn.ViaPopupAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Sam Okafor");

        Assert.Equal(200, (await answer).Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed in as Sam Okafor");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Report_FromTheLightningPage_SalesforceUserWithoutThePermissionIsRefused()
    {
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await OpenFromLightningPageAsync(context);

        // Taylor Brooks works in customer support: no recording permission.
        await SignIn.ViaPopupAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Taylor Brooks");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are not allowed to see the compliance report" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#report")).ToBeHiddenAsync();
    }

    private async Task<IPage> OpenFromLightningPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.Service, "/salesforce").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "compliance report" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(host.Service, "/reports/compliance?crm=salesforce").ToString());
        return page;
    }
}
