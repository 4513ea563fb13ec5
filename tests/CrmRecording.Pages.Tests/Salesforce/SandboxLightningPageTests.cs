using CrmRecording.Pages.Tests.Hosting;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Service.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Salesforce;

/// <summary>
/// The sandbox CRM page's Salesforce variant at <c>/salesforce</c>: the Salesforce stand-in's Contacts and Leads, the real
/// dialer framed as the Open CTI softphone from the service's other loopback origin through the stand-in
/// <c>opencti_min.js</c>, and the recording played from its Call Recording once the call is over.
/// </summary>
public sealed class SandboxLightningPageTests(PagesHost host) : IClassFixture<PagesHost>
{
    [Fact]
    public async Task SandboxLightning_ClickAContactsPhone_DialsThroughToAStoredRecordingThatPlays()
    {
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.Service, "/salesforce").ToString());
        var dialer = page.FrameLocator("iframe[title=Dialer]");
        await Assertions.Expect(dialer.GetByRole(AriaRole.Heading, new() { Name = "Recorded calls" })).ToBeVisibleAsync();
        Assert.NotEqual(new Uri(page.Url).Host, new Uri(page.Frames.Single(f => f.Url.Contains("/crm/salesforce/dialer", StringComparison.Ordinal)).Url).Host);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await SignIn.ViaPopupAsync(page, dialer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Riley Chen");
        await Assertions.Expect(dialer.Locator("#status")).ToHaveTextAsync("Ready: click a phone number in the CRM to call.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Call Ana Reyes" }).ClickAsync();

        await Assertions.Expect(dialer.Locator("#decision-headline")).ToHaveTextAsync("The customer will be asked for consent. The call is recorded only if they say yes.");
        await Assertions.Expect(page.Locator("#opened")).ToHaveTextAsync("Opened Contact Ana Reyes.");
        var timeline = dialer.GetByRole(AriaRole.List, new() { Name = "What happened on this call" });
        await Assertions.Expect(timeline).ToContainTextAsync("Recording stored:", new() { Timeout = 30_000 });
        // The Call Recording is written after the ingest; the page shows it once reloaded from the org.
        var org = host.Services.GetRequiredService<SandboxSalesforce>().StandIn;
        await SalesforceStandInRecords.WaitForAsync(org, "Call_Recording__c", r =>
            SalesforceStandInRecords.Text(r, "Contact__c") == SalesforceSeed.Contacts.CaliforniaMobile && SalesforceStandInRecords.Text(r, "Recording_Url__c") is { Length: > 0 });
        await page.ReloadAsync();
        var ana = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ana Reyes" });
        var play = ana.GetByRole(AriaRole.Link, new() { Name = "Play recording" });
        await Assertions.Expect(play.First).ToBeVisibleAsync();

        var player = await context.RunAndWaitForPageAsync(() => play.First.ClickAsync());
        await SignIn.ViaPopupAsync(player, player.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Sam Okafor");
        await Assertions.Expect(player.GetByRole(AriaRole.Status)).ToContainTextAsync("Ready to play");
        await player.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await player.Locator("#audio").EvaluateAsync("a => new Promise(resolve => a.currentTime > 0.3 ? resolve() : a.addEventListener('timeupdate', function on() { if (a.currentTime > 0.3) { a.removeEventListener('timeupdate', on); resolve(); } }))");
    }
}
