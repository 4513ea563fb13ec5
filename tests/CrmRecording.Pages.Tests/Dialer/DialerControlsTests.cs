using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CrmRecording.Pages.Tests.Dialer;

/// <summary>The rep's buttons on a live call: pause and resume (PCI), a hand-started recording, hang up.</summary>
public sealed class DialerControlsTests(LongCallHost host, ITestOutputHelper output) : IClassFixture<LongCallHost>
{
    [Fact]
    public async Task PauseThenResume_ShowsThePausedSpan_AndHangUpStoresTheRecording()
    {
        await using var crm = await DialerHostPage.OpenAsync(host);
        await crm.SignInAsync("Riley Chen");
        await crm.CallAsync("Ana Reyes");
        var dialer = crm.Dialer;
        await Assertions.Expect(dialer.Locator("#recording-state")).ToHaveTextAsync("● Recording");
        output.WriteLine($"click → decision visible: {await crm.ClickToDecisionAsync():F0} ms");

        await dialer.GetByRole(AriaRole.Button, new() { Name = "Pause recording" }).ClickAsync();

        await Assertions.Expect(dialer.Locator("#recording-state")).ToContainTextAsync("Recording paused since");
        var spans = dialer.GetByRole(AriaRole.List, new() { Name = "Paused (not recorded)" });
        await Assertions.Expect(spans).ToContainTextAsync("still paused");
        await Assertions.Expect(dialer.GetByRole(AriaRole.Button, new() { Name = "Pause recording" })).ToBeHiddenAsync();

        await dialer.GetByRole(AriaRole.Button, new() { Name = "Resume recording" }).ClickAsync();

        await Assertions.Expect(dialer.Locator("#recording-state")).ToHaveTextAsync("● Recording");
        await Assertions.Expect(spans.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\d:\d\d:\d\d( [AP]M)? – \d\d:\d\d:\d\d( [AP]M)?$"));

        await dialer.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();

        var timeline = dialer.GetByRole(AriaRole.List, new() { Name = "What happened on this call" });
        await Assertions.Expect(timeline).ToContainTextAsync("Call ended.");
        await Assertions.Expect(timeline).ToContainTextAsync("Recording stored:", new() { Timeout = 30_000 });
        await Assertions.Expect(dialer.GetByRole(AriaRole.Button, new() { Name = "Hang up" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task StartRecording_ContactMarkedDoNotRecord_IsRefusedWithTheReason()
    {
        await using var crm = await DialerHostPage.OpenAsync(host);
        await crm.SignInAsync("Riley Chen");
        await crm.CallAsync("Gabriel Santos");
        var dialer = crm.Dialer;
        await Assertions.Expect(dialer.Locator("#decision-headline")).ToHaveTextAsync("This call will NOT be recorded.");
        output.WriteLine($"click → decision visible: {await crm.ClickToDecisionAsync():F0} ms");
        await Assertions.Expect(dialer.Locator("#decision-consent")).ToContainTextAsync("do-not-record flag always wins");

        await dialer.GetByRole(AriaRole.Button, new() { Name = "Start recording" }).ClickAsync();
        await dialer.GetByLabel("What did you tell the customer, and how did they agree to be recorded?").FillAsync("I told them the call is recorded and they said that is fine.");
        await dialer.GetByRole(AriaRole.Button, new() { Name = "Start recording now" }).ClickAsync();

        await Assertions.Expect(dialer.GetByRole(AriaRole.Alert)).ToContainTextAsync("This call must not be recorded");
        await Assertions.Expect(dialer.Locator("#recording-state")).ToHaveTextAsync("Not recorded.");
        await dialer.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await Assertions.Expect(dialer.GetByRole(AriaRole.List, new() { Name = "What happened on this call" })).ToContainTextAsync("Call ended.");
    }

    [Fact]
    public async Task StartRecording_LeadWhoDidNotAnswerTheQuestion_StartsWithTheAttestation()
    {
        await using var crm = await DialerHostPage.OpenAsync(host);
        await crm.SignInAsync("Riley Chen");
        await crm.CallAsync("Jordan Park");
        var dialer = crm.Dialer;
        await Assertions.Expect(dialer.Locator("#decision-headline")).ToHaveTextAsync("The customer will be asked for consent. The call is recorded only if they say yes.");
        var timeline = dialer.GetByRole(AriaRole.List, new() { Name = "What happened on this call" });
        await Assertions.Expect(timeline).ToContainTextAsync("The customer did not answer the consent question");

        await dialer.GetByRole(AriaRole.Button, new() { Name = "Start recording" }).ClickAsync();
        await dialer.GetByLabel("What did you tell the customer, and how did they agree to be recorded?").FillAsync("I explained the call is recorded for quality; Jordan said yes out loud.");
        await dialer.GetByRole(AriaRole.Button, new() { Name = "Start recording now" }).ClickAsync();

        await Assertions.Expect(dialer.Locator("#recording-state")).ToHaveTextAsync("● Recording");
        await Assertions.Expect(timeline).ToContainTextAsync("You started recording at");
        await dialer.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await Assertions.Expect(timeline).ToContainTextAsync("Recording stored:", new() { Timeout = 30_000 });
    }
}
