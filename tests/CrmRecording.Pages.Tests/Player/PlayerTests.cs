using System.Collections.Concurrent;
using System.Diagnostics;
using CrmRecording.Pages.Tests.Hosting;
using CrmRecording.Service.Playback;
using CrmRecording.Vault.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CrmRecording.Pages.Tests.Player;

/// <summary>
/// The manager's player, framed by the fake Dynamics phone call form on another origin: sign-in through the popup,
/// the waveform with consent markers, seeking and playing through Range requests to a media link, and refusals.
/// </summary>
public sealed class PlayerTests(PagesHost host, ITestOutputHelper output) : IClassFixture<PagesHost>
{
    [Fact]
    public async Task Player_Reviewer_JumpsToTheConsentAndPlays_TheAudioStreamsByRange()
    {
        var id = await PlayerRecordings.SeedAsync(host.Services);
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        var media = new ConcurrentQueue<(string Range, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/media/", StringComparison.Ordinal))
            {
                media.Enqueue((response.Request.Headers.TryGetValue("range", out var range) ? range : string.Empty, response.Status));
            }
        };
        await page.GotoAsync(DynamicsHost.FramePage(host.Crm, "/phonecall", new Uri(host.Service, $"/recordings/{id}"), "Recording").ToString());
        var frame = page.FrameLocator("iframe[title=Recording]");

        await SignIn.ViaPopupAsync(page, frame.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Sam Okafor");

        await Assertions.Expect(frame.GetByRole(AriaRole.Status)).ToContainTextAsync("Ready to play");
        await Assertions.Expect(frame.GetByText("Riley Chen")).ToBeVisibleAsync();
        await Assertions.Expect(frame.Locator("#waveform")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("0:30 call \\(top: rep, bottom: customer\\), with 2 consent events"));
        await Assertions.Expect(frame.GetByRole(AriaRole.Button, new() { Name = "0:06 consent given by keypad" })).ToBeVisibleAsync();
        await Assertions.Expect(frame.GetByText("0:12 to 0:16 (silent in the audio)")).ToBeVisibleAsync();

        await frame.GetByRole(AriaRole.Button, new() { Name = "Jump to consent" }).ClickAsync();
        var audio = frame.Locator("#audio");
        Assert.Equal(PlayerRecordings.ConsentAt.TotalSeconds, await audio.EvaluateAsync<double>("a => a.currentTime"), 1);

        var clicked = Stopwatch.StartNew();
        await frame.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await audio.EvaluateAsync("a => new Promise(resolve => a.currentTime > 6.3 ? resolve() : a.addEventListener('timeupdate', function on() { if (a.currentTime > 6.3) { a.removeEventListener('timeupdate', on); resolve(); } }))");
        output.WriteLine($"first audio (Play click to the media element's time moving past the seek point): {clicked.ElapsedMilliseconds} ms");

        Assert.Contains(media, r => r.Status == 206 && r.Range.StartsWith("bytes=", StringComparison.Ordinal));
        var audit = await host.Services.GetRequiredService<IMetadataStore>().ReadAuditAsync();
        Assert.Contains(audit, e => e.Entry.RecordingId == id && e.Entry.Action == PlaybackAudit.Granted && e.Entry.Detail!.Contains("status=206", StringComparison.Ordinal));
        await Screenshots.TakeAsync(page, "player");
    }

    [Fact]
    public async Task Player_Controls_ChangeSpeedAndSkipTenSeconds()
    {
        var id = await PlayerRecordings.SeedAsync(host.Services);
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.Service, $"/recordings/{id}").ToString());
        await SignIn.ViaPopupAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Morgan Blake");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ready to play");
        var audio = page.Locator("#audio");

        await page.GetByLabel("Speed").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Forward 10 seconds" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Forward 10 seconds" }).ClickAsync();
        var forward = await audio.EvaluateAsync<double>("a => a.currentTime");
        await page.GetByRole(AriaRole.Button, new() { Name = "Back 10 seconds" }).ClickAsync();

        Assert.Equal(2, await audio.EvaluateAsync<double>("a => a.playbackRate"));
        Assert.Equal(20, forward, 1);
        Assert.Equal(10, await audio.EvaluateAsync<double>("a => a.currentTime"), 1);
    }

    [Fact]
    public async Task Player_SomeoneWithoutARecordingRole_IsToldTheyMayNotListenAndWhomToAsk_AndTheRefusalIsAudited()
    {
        var id = await PlayerRecordings.SeedAsync(host.Services);
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(DynamicsHost.FramePage(host.Crm, "/phonecall-refused", new Uri(host.Service, $"/recordings/{id}"), "Recording").ToString());
        var frame = page.FrameLocator("iframe[title=Recording]");

        // Dana Whitfield directs sales, above the rep's manager, and holds no recording role.
        var refused = page.WaitForResponseAsync(r => r.Url.EndsWith($"/api/recordings/{id}", StringComparison.Ordinal));
        await SignIn.ViaPopupAsync(page, frame.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Dana Whitfield");

        Assert.Equal(403, (await refused).Status);
        await Assertions.Expect(frame.GetByRole(AriaRole.Heading, new() { Name = "You are not allowed to listen to this recording" })).ToBeVisibleAsync();
        await Assertions.Expect(frame.Locator("#refused-detail")).ToHaveTextAsync(await ProblemAnswer.DetailAsync(await refused));
        await Assertions.Expect(frame.GetByText("Recording Reviewer").First).ToBeVisibleAsync();
        await Assertions.Expect(frame.Locator("#waveform")).ToBeHiddenAsync();
        var audit = await host.Services.GetRequiredService<IMetadataStore>().ReadAuditAsync();
        Assert.Contains(audit, e => e.Entry.RecordingId == id && e.Entry.Action == PlaybackAudit.Denied);
    }

    [Fact]
    public async Task Player_SignedInAndLoaded_HasNoSeriousAccessibilityViolations()
    {
        var id = await PlayerRecordings.SeedAsync(host.Services);
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.Service, $"/recordings/{id}").ToString());
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await SignIn.ViaPopupAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Sam Okafor");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ready to play");

        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Player_PastItsPageTokensLifetime_RenewsTheSignInAndKeepsPlaying()
    {
        var id = await PlayerRecordings.SeedAsync(host.Services);
        await using var context = await SharedBrowser.NewContextAsync();
        await context.Clock.InstallAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(DynamicsHost.FramePage(host.Crm, "/phonecall-renew", new Uri(host.Service, $"/recordings/{id}"), "Recording").ToString());
        var frame = page.FrameLocator("iframe[title=Recording]");
        await SignIn.ViaPopupAsync(page, frame.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Sam Okafor");
        await Assertions.Expect(frame.GetByRole(AriaRole.Status)).ToContainTextAsync("Ready to play");

        // Eleven minutes on the page's clock: the 10-minute page token is renewed at 80 % (no cookie: the frame is
        // cross-site), and the 5-minute media link has lapsed, so Play asks for a new one with the renewed token.
        var renewed = page.WaitForResponseAsync(r => r.Url.EndsWith("/signin/renew", StringComparison.Ordinal) && r.Status == 200);
        await context.Clock.FastForwardAsync("11:00");
        await renewed;
        var relinked = page.WaitForResponseAsync(r => r.Url.EndsWith("/media-link", StringComparison.Ordinal) && r.Status == 200);
        await frame.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await relinked;

        await Assertions.Expect(frame.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(frame.GetByRole(AriaRole.Heading, new() { Name = "Sign in to listen" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Player_UnknownRecording_SaysSoAfterSignIn()
    {
        await using var context = await SharedBrowser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.Service, "/recordings/0123456789abcdef0123456789abcdef").ToString());

        await SignIn.ViaPopupAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Sam Okafor");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("no such recording");
    }
}
