using System.Text.Json.Nodes;
using CrmRecording.Pages.Tests.Hosting;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Salesforce;

/// <summary>
/// The player opened from the Recording URL on a Call_Recording__c record in Lightning: it offers the Salesforce
/// sign-in, plays for a Recording Reviewer and refuses a Salesforce user without the permission.
/// </summary>
public sealed class SalesforcePlayerTests(LightningPagesHost host) : IClassFixture<LightningPagesHost>
{
    [Fact]
    public async Task Player_OpenedFromTheCallRecording_SalesforceReviewerSignsInAndPlays()
    {
        var recording = await SalesforceRecordings.PlaceRecordedCallAsync(host);
        await using var context = await SharedBrowser.NewContextAsync();
        var record = await context.NewPageAsync();
        await record.GotoAsync(SalesforceRecordings.RecordPage(host, recording).ToString());

        var player = await OpenPlayerAsync(context, record, recording);
        await SignIn.ViaPopupAsync(player, player.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Sam Okafor");

        await Assertions.Expect(player.GetByRole(AriaRole.Status)).ToContainTextAsync("Ready to play");
        await Assertions.Expect(player.GetByText("Riley Chen").First).ToBeVisibleAsync();
        await player.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        var audio = player.Locator("#audio");
        await audio.EvaluateAsync("a => new Promise(resolve => a.currentTime > 0.3 ? resolve() : a.addEventListener('timeupdate', function on() { if (a.currentTime > 0.3) { a.removeEventListener('timeupdate', on); resolve(); } }))");
        await Accessibility.AssertNoSeriousViolationsAsync(player);
    }

    [Fact]
    public async Task Player_OpenedFromTheCallRecording_SalesforceUserWithoutThePermissionIsRefused()
    {
        var recording = await SalesforceRecordings.PlaceRecordedCallAsync(host);
        await using var context = await SharedBrowser.NewContextAsync();
        var record = await context.NewPageAsync();
        await record.GotoAsync(SalesforceRecordings.RecordPage(host, recording).ToString());

        var player = await OpenPlayerAsync(context, record, recording);
        // Taylor Brooks works in customer support: no recording permission, not above the rep.
        await SignIn.ViaPopupAsync(player, player.GetByRole(AriaRole.Button, new() { Name = "Sign in" }), "Taylor Brooks");

        await Assertions.Expect(player.GetByRole(AriaRole.Heading, new() { Name = "You are not allowed to listen to this recording" })).ToBeVisibleAsync();
        await Assertions.Expect(player.Locator("#waveform")).ToBeHiddenAsync();
    }

    /// <summary>Clicks the record's Recording URL, which opens the player in a new tab.</summary>
    private static async Task<IPage> OpenPlayerAsync(IBrowserContext context, IPage record, JsonObject recording)
    {
        var url = SalesforceStandInRecords.Text(recording, "Recording_Url__c")!;
        var player = await context.RunAndWaitForPageAsync(() => record.GetByRole(AriaRole.Link, new() { Name = url }).ClickAsync());
        await player.WaitForLoadStateAsync();
        Assert.Equal(url, player.Url);
        return player;
    }
}
