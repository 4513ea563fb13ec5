using System.Net;
using CrmRecording.Pages.Tests.Hosting;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Dialer;

/// <summary>
/// The sandbox CRM page at <c>/</c>: the seeded records with "Call" buttons, the real dialer framed from the service's
/// other loopback origin, and the stored recording's "Play recording" link once the call is over.
/// </summary>
public sealed class SandboxCrmPageTests(PagesHost host) : IClassFixture<PagesHost>
{
    [Fact]
    public async Task SandboxCrm_ListsTheSeededRecordsAndFramesTheDialerCrossOrigin()
    {
        await using var crm = await DialerHostPage.OpenSandboxCrmAsync(host);

        foreach (var name in new[] { "Ana Reyes", "Ben Carter", "Gabriel Santos", "Jordan Park", "Fleet telematics renewal" })
        {
            await Assertions.Expect(crm.Page.GetByRole(AriaRole.Button, new() { Name = $"Call {name}" })).ToBeVisibleAsync();
        }

        var pageOrigin = new Uri(crm.Page.Url).GetLeftPart(UriPartial.Authority);
        var dialerOrigin = new Uri(crm.DialerFrame.Url).GetLeftPart(UriPartial.Authority);
        Assert.NotEqual(pageOrigin, dialerOrigin);
        Assert.Equal(new Uri(pageOrigin).Port, new Uri(dialerOrigin).Port);
        await Assertions.Expect(crm.Status).ToHaveTextAsync("Sign in to place recorded calls.");
        await Accessibility.AssertNoSeriousViolationsAsync(crm.Page);
    }

    [Fact]
    public async Task SandboxCrm_CallFromTheOpportunity_EndsWithAPlayRecordingLinkOnIt()
    {
        await using var crm = await DialerHostPage.OpenSandboxCrmAsync(host);
        await crm.SignInAsync("Riley Chen");

        await crm.CallAsync("Fleet telematics renewal");

        await Assertions.Expect(crm.Dialer.Locator("#decision-headline")).ToHaveTextAsync("The customer will be asked for consent. The call is recorded only if they say yes.");
        var timeline = crm.Dialer.GetByRole(AriaRole.List, new() { Name = "What happened on this call" });
        await Assertions.Expect(timeline).ToContainTextAsync("Recording stored:", new() { Timeout = 30_000 });
        var deal = crm.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Fleet telematics renewal" });
        var play = deal.GetByRole(AriaRole.Link, new() { Name = "Play recording" });
        await Assertions.Expect(play).ToBeVisibleAsync();
        Assert.Matches("^/recordings/[0-9a-f]{32}$", await play.GetAttributeAsync("href"));
        await Screenshots.TakeAsync(crm.Page, "sandbox-crm");
    }

    [Fact]
    public async Task SandboxCrm_Headers_AllowTheDialerFrameOnlyFromTheOtherLoopbackName()
    {
        using var client = await host.ClientAsync();
        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var other = host.Service.Host == "localhost" ? "127.0.0.1" : "localhost";
        Assert.Contains($"frame-src 'self' http://{other}:{host.Service.Port};", csp, StringComparison.Ordinal);
    }
}
