using System.Text.Json;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Pages.Tests.Hosting;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Salesforce;

/// <summary>
/// A fake Lightning Experience page on the Lightning host's origin framing the real Salesforce dialer from the service's
/// origin as the Open CTI softphone (the adapter URL with <c>sfdcIframeOrigin</c> and <c>mode</c>, as Salesforce opens
/// it), with the sandbox's stand-in <c>opencti_min.js</c> served as the org's library and its Lightning side as the page's code.
/// </summary>
internal sealed class LightningHostPage : IAsyncDisposable
{
    private LightningHostPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IFrameLocator Dialer => Page.FrameLocator("iframe[title=Dialer]");

    public ILocator Status => Dialer.Locator("#status");

    public static async Task<LightningHostPage> OpenAsync(LightningPagesHost host)
    {
        var lightning = host.Lightning;
        using (var client = await host.ClientAsync())
        {
            lightning.Serve("/support/api/62.0/lightning/opencti_min.js", await client.GetStringAsync("/support/api/62.0/lightning/opencti_min.js"), "text/javascript");
            lightning.Serve("/opencti-host.js", await client.GetStringAsync("/sandbox/opencti/opencti-host.js"), "text/javascript");
        }

        var org = lightning.Origin.GetLeftPart(UriPartial.Authority);
        var dialerOrigin = host.Service.GetLeftPart(UriPartial.Authority);
        object[] records =
        [
            new { number = "+1 415 555 0101", recordId = SalesforceSeed.Contacts.CaliforniaMobile, recordName = "Ana Reyes", objectType = "Contact" },
            new { number = "+1 214 555 0102", recordId = SalesforceSeed.Contacts.TexasLandline, recordName = "Ben Carter", objectType = "Contact" },
            new { number = "+1 206 555 0110", recordId = SalesforceSeed.Leads.SeattleProspect, recordName = "Jordan Park", objectType = "Lead" },
        ];
        var console = lightning.ServeFile("/lightning/page/home", "lightning-console.html", new Dictionary<string, string>
        {
            ["records"] = JsonSerializer.Serialize(records),
            ["dialerOrigin"] = dialerOrigin,
            ["dialerUrl"] = $"{dialerOrigin}/crm/salesforce/dialer?sfdcIframeOrigin={Uri.EscapeDataString(org)}&mode=Lightning",
        });

        var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(console.ToString());
        var hosted = new LightningHostPage(context, page);
        await Assertions.Expect(hosted.Dialer.GetByRole(AriaRole.Heading, new() { Name = "Recorded calls" })).ToBeVisibleAsync();
        return hosted;
    }

    /// <summary>Signs in through the dialer's popup, as <paramref name="fullName"/> picked on the sandbox's Salesforce sign-in page.</summary>
    public async Task SignInAsync(string fullName)
    {
        await SignIn.ViaPopupAsync(Page, Dialer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), fullName);
        await Assertions.Expect(Dialer.GetByText($"Signed in as {fullName}")).ToBeVisibleAsync();
        await Assertions.Expect(Status).ToHaveTextAsync("Ready: click a phone number in the CRM to call.");
    }

    public Task CallAsync(string fullName) => Page.GetByRole(AriaRole.Button, new() { Name = $"Call {fullName}" }).ClickAsync();

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
