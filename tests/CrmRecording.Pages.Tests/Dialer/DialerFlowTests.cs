using CrmRecording.Pages.Tests.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CrmRecording.Pages.Tests.Dialer;

/// <summary>
/// Click to dial from a fake Dynamics page framing the real dialer cross-origin: the decision is shown before anything
/// rings, then the call's live state arrives from the service until the recording is stored.
/// </summary>
public sealed class DialerFlowTests(PagesHost host, ITestOutputHelper output) : IClassFixture<PagesHost>
{
    [Fact]
    public async Task ClickToDial_CaliforniaContact_ShowsDecisionThenConsentRecordingEndAndStored()
    {
        await using var crm = await DialerHostPage.OpenAsync(host);
        await crm.SignInAsync("Riley Chen");

        await crm.CallAsync("Ana Reyes");

        var dialer = crm.Dialer;
        await Assertions.Expect(dialer.Locator("#decision-headline")).ToHaveTextAsync("The customer will be asked for consent. The call is recorded only if they say yes.");
        await Assertions.Expect(dialer.Locator("#decision-why")).ToContainTextAsync("all-party in California");
        await Assertions.Expect(dialer.Locator("#decision-jurisdictions")).ToContainTextAsync("US-CA");
        var milliseconds = await crm.ClickToDecisionAsync();
        output.WriteLine($"click → decision visible: {milliseconds:F0} ms");

        // The pane docked itself and screen-popped the contact it found by the number clicked.
        await Assertions.Expect(crm.Page.Locator("#panel")).ToHaveTextAsync("Panel: docked, 400 px");
        await Assertions.Expect(crm.Page.Locator("#opened")).ToHaveTextAsync("Opened contact Ana Reyes");

        var timeline = dialer.GetByRole(AriaRole.List, new() { Name = "What happened on this call" });
        await Assertions.Expect(timeline).ToContainTextAsync("The customer heard the consent question.");
        await Assertions.Expect(timeline).ToContainTextAsync("The customer agreed to be recorded (keypad).");
        await Assertions.Expect(timeline).ToContainTextAsync("Call ended.", new() { Timeout = 30_000 });
        await Assertions.Expect(timeline).ToContainTextAsync("Recording stored:", new() { Timeout = 30_000 });
        await Assertions.Expect(dialer.Locator("#recording-state")).ToHaveTextAsync("Recording stored.");
        await Assertions.Expect(crm.Status).ToContainTextAsync("Ready for the next call.");
        await Screenshots.TakeAsync(crm.Page, "dialer");
    }

    [Fact]
    public async Task Dialer_DecisionShown_HasNoSeriousAccessibilityViolations()
    {
        await using var crm = await DialerHostPage.OpenAsync(host);
        await crm.SignInAsync("Riley Chen");

        await crm.CallAsync("Ben Carter");

        await Assertions.Expect(crm.Dialer.Locator("#decision-headline")).ToHaveTextAsync("The customer will hear a recording notice first; recording starts after it.");
        await Accessibility.AssertNoSeriousViolationsAsync(crm.Dialer.Locator("html"));
    }

    [Fact]
    public async Task Dialer_SignedOut_OffersSignInAndPlacesNothing()
    {
        await using var crm = await DialerHostPage.OpenAsync(host);
        await Assertions.Expect(crm.Status).ToHaveTextAsync("Sign in to place recorded calls.");

        await crm.CallAsync("Ana Reyes");

        await Assertions.Expect(crm.Status).ToHaveTextAsync("Sign in first, then click the number again.");
        await Assertions.Expect(crm.Dialer.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeFocusedAsync();
        await Assertions.Expect(crm.Dialer.Locator("#decision")).ToBeHiddenAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(crm.Dialer.Locator("html"));
    }
}
