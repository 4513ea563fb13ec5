using CrmRecording.Pages.Tests.Hosting;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Framing;

/// <summary>Only the configured CRM origins may frame the pages: a real cross-origin iframe in Chromium, under the real CSP.</summary>
public sealed class FrameAncestorsTests(PagesHost host) : IClassFixture<PagesHost>
{
    [Fact]
    public async Task PlayerPage_FramedByTheConfiguredCrm_Loads()
    {
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        var frameUrl = new Uri(host.Service, "/recordings/00000000000000000000000000000000");
        await page.GotoAsync(host.Crm.Serve("/allowed", $"<!doctype html><title>CRM</title><iframe title=\"Recording\" src=\"{frameUrl}\"></iframe>").ToString());

        var frame = page.FrameLocator("iframe[title=Recording]");
        await Assertions.Expect(frame.GetByRole(AriaRole.Heading, new() { Name = "Call recording" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PlayerPage_FramedByAnUnknownOrigin_IsBlockedByTheBrowser()
    {
        await using var stranger = await FakeCrmHost.StartAsync("127.0.0.3");
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        var blocked = new TaskCompletionSource<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("frame-ancestors", StringComparison.Ordinal))
            {
                blocked.TrySetResult(message.Text);
            }
        };
        var frameUrl = new Uri(host.Service, "/recordings/00000000000000000000000000000000");
        await page.GotoAsync(stranger.Serve("/evil", $"<!doctype html><title>Elsewhere</title><iframe title=\"Recording\" src=\"{frameUrl}\"></iframe>").ToString());

        var report = await blocked.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Contains("frame-ancestors", report, StringComparison.Ordinal);
        var frame = page.Frames.Single(f => f != page.MainFrame);
        Assert.NotEqual("Call recording", await frame.TitleAsync().ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : string.Empty, TaskScheduler.Default));
    }

    [Fact]
    public async Task PlayerPage_Headers_CarryTheCspAndNoXFrameOptions()
    {
        using var client = await host.ClientAsync();
        using var response = await client.GetAsync("/recordings/00000000000000000000000000000000");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"frame-ancestors 'self' {host.Crm.Origin.GetLeftPart(UriPartial.Authority)}", csp, StringComparison.Ordinal);
    }
}
