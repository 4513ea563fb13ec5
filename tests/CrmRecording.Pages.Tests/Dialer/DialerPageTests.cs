using System.Net;
using CrmRecording.Pages.Tests.Hosting;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Dialer;

/// <summary>The dialer page's gate: only an allowed CRM org's library is ever named, and only under the page's CSP.</summary>
public sealed class DialerPageTests(PagesHost host) : IClassFixture<PagesHost>
{
    [Theory]
    [InlineData("?base=https%3A%2F%2Fevil.example")]
    [InlineData("?base=https%3A%2F%2Fcontoso.crm.dynamics.com.evil.example")]
    [InlineData("?base=javascript%3Aalert(1)")]
    [InlineData("")]
    public async Task Dialer_UnknownOrMissingOrg_Is400WithoutAnyScript(string query)
    {
        using var client = await host.ClientAsync();
        using var response = await client.GetAsync("/crm/dynamics/dialer" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("This CRM org is not allowed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dialer_AllowedOrg_NamesOnlyThatOrgsLibraryInThePageAndItsCsp()
    {
        var org = host.Crm.Origin.GetLeftPart(UriPartial.Authority);
        using var client = await host.ClientAsync();
        using var response = await client.GetAsync($"/crm/dynamics/dialer?base={Uri.EscapeDataString(org + "/")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<script src=\"{org}/webresources/Widget/msdyn_ciLibrary.js\" data-crmurl=\"{org}\" data-cifid=\"CIFMainLibrary\"></script>", html, StringComparison.Ordinal);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"script-src 'self' {org};", csp, StringComparison.Ordinal);
        // The sandbox's Twilio stand-in needs no connection to Twilio from the browser.
        Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dialer_OpenedInTheBrowserForAnUnknownOrg_ShowsTheRefusalAndLoadsNoScript()
    {
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        var scripts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.ResourceType == "script")
            {
                scripts.Add(request.Url);
            }
        };

        var response = await page.GotoAsync(new Uri(host.Service, "/crm/dynamics/dialer?base=https%3A%2F%2Fevil.example").ToString());

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This CRM org is not allowed" })).ToBeVisibleAsync();
        Assert.Empty(scripts);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task PageTemplates_AreNotServedAsStaticFiles()
    {
        using var client = await host.ClientAsync();
        using var response = await client.GetAsync("/crm/dynamics/dialer.html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
