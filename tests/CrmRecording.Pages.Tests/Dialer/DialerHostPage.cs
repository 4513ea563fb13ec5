using CrmRecording.Pages.Tests.Hosting;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Dialer;

/// <summary>
/// A fake Dynamics 365 page on the CRM host's origin framing the real dialer from the service's origin, with the
/// sandbox's stand-in CIF library served as the org's <c>msdyn_ciLibrary.js</c> and its host side as the CRM's code.
/// </summary>
internal sealed class DialerHostPage : IAsyncDisposable
{
    private DialerHostPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>The dialer inside the CRM page's iframe.</summary>
    public IFrameLocator Dialer => Page.FrameLocator("iframe[title=Dialer]");

    /// <summary>The dialer's live region: its latest announcement.</summary>
    public ILocator Status => Dialer.Locator("#status");

    /// <summary>The dialer's frame, for evaluating script in it.</summary>
    public IFrame DialerFrame => Page.Frames.Single(f => f.Url.Contains("/crm/dynamics/dialer", StringComparison.Ordinal));

    public static async Task<DialerHostPage> OpenAsync(PagesHost host)
    {
        var crm = host.Crm;
        using (var client = await host.ClientAsync())
        {
            // The very files the sandbox CRM page uses: the widget library and the CRM side of the stand-in.
            crm.Serve("/webresources/Widget/msdyn_ciLibrary.js", await client.GetStringAsync("/webresources/Widget/msdyn_ciLibrary.js"), "text/javascript");
            crm.Serve("/cif-host.js", await client.GetStringAsync("/sandbox/cif/cif-host.js"), "text/javascript");
        }

        var org = crm.Origin.GetLeftPart(UriPartial.Authority);
        var dialerOrigin = host.Service.GetLeftPart(UriPartial.Authority);
        var form = crm.ServeFile("/main.aspx", "dynamics-form.html", new Dictionary<string, string>
        {
            ["dialerOrigin"] = dialerOrigin,
            ["dialerUrl"] = $"{dialerOrigin}/crm/dynamics/dialer?base={Uri.EscapeDataString(org)}",
        });
        return await OpenAsync(form);
    }

    /// <summary>The sandbox CRM page the service serves at <c>/</c> (it frames the dialer under its other loopback name).</summary>
    public static Task<DialerHostPage> OpenSandboxCrmAsync(PagesHost host) => OpenAsync(host.Service);

    private static async Task<DialerHostPage> OpenAsync(Uri address)
    {
        var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(address.ToString());
        var hosted = new DialerHostPage(context, page);
        await Assertions.Expect(hosted.Dialer.GetByRole(AriaRole.Heading, new() { Name = "Recorded calls" })).ToBeVisibleAsync();
        return hosted;
    }

    /// <summary>Signs in through the dialer's popup, as <paramref name="fullName"/> picked on the sandbox's sign-in page.</summary>
    public async Task SignInAsync(string fullName)
    {
        var popup = Page.WaitForPopupAsync();
        await Dialer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var signIn = await popup;
        await signIn.GetByRole(AriaRole.Button, new() { Name = fullName }).ClickAsync();
        await Assertions.Expect(Dialer.GetByText($"Signed in as {fullName}")).ToBeVisibleAsync();
        await Assertions.Expect(Status).ToHaveTextAsync("Ready: click a phone number in the CRM to call.");
    }

    /// <summary>Clicks "Call NAME" on the CRM page (the phone field's click to act).</summary>
    public Task CallAsync(string fullName) => Page.GetByRole(AriaRole.Button, new() { Name = $"Call {fullName}" }).ClickAsync();

    /// <summary>From the last click on the CRM page to the decision painted in the dialer, on the browser's shared clock (ms).</summary>
    public async Task<double> ClickToDecisionAsync()
    {
        await DialerFrame.WaitForFunctionAsync("() => performance.getEntriesByName('crr-decision-shown').length > 0");
        var clicked = await Page.EvaluateAsync<double>("() => performance.timeOrigin + performance.getEntriesByName('crr-click-to-dial').at(-1).startTime");
        var shown = await DialerFrame.EvaluateAsync<double>("() => performance.timeOrigin + performance.getEntriesByName('crr-decision-shown').at(-1).startTime");
        return shown - clicked;
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
