using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Pages.Tests.Hosting;
using CrmRecording.Service.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CrmRecording.Pages.Tests.Salesforce.SalesforceStandInRecords;

namespace CrmRecording.Pages.Tests.Salesforce;

/// <summary>
/// The dialer as the Open CTI softphone of a fake Lightning page on another origin: the Salesforce sign-in through the
/// popup, click-to-dial of a seeded Contact through to the stored recording, and the Task and Call Recording the service
/// writes into the Salesforce stand-in (the page writes none).
/// </summary>
public sealed class SalesforceDialerTests(LightningPagesHost host, ITestOutputHelper output) : IClassFixture<LightningPagesHost>
{
    [Fact]
    public async Task ClickToDial_CaliforniaContact_DecidesRecordsAndTheServiceWritesTheTaskAndCallRecording()
    {
        await using var lightning = await LightningHostPage.OpenAsync(host);
        await lightning.SignInAsync("Riley Chen");

        await lightning.CallAsync("Ana Reyes");

        var dialer = lightning.Dialer;
        await Assertions.Expect(dialer.Locator("#decision-headline")).ToHaveTextAsync("The customer will be asked for consent. The call is recorded only if they say yes.");
        await Assertions.Expect(dialer.Locator("#decision-why")).ToContainTextAsync("all-party in California");
        // The softphone opened its panel and screen-popped the Contact through Open CTI.
        await Assertions.Expect(lightning.Page.Locator("#panel")).ToHaveTextAsync("Softphone: open");
        await Assertions.Expect(lightning.Page.Locator("#opened")).ToHaveTextAsync("Opened sobject Contact Ana Reyes");
        var timeline = dialer.GetByRole(AriaRole.List, new() { Name = "What happened on this call" });
        await Assertions.Expect(timeline).ToContainTextAsync("The customer agreed to be recorded (keypad).", new() { Timeout = 30_000 });
        await Assertions.Expect(timeline).ToContainTextAsync("Recording stored:", new() { Timeout = 30_000 });
        await Assertions.Expect(lightning.Status).ToContainTextAsync("Ready for the next call.");
        await Screenshots.TakeAsync(lightning.Page, "salesforce-dialer");

        var stored = (await timeline.TextContentAsync())!;
        var vaultId = System.Text.RegularExpressions.Regex.Match(stored, "Recording stored: ([0-9a-f]{32})").Groups[1].Value;
        var recording = await WaitForAsync(host.Salesforce, "Call_Recording__c", r => Text(r, "Recording_Url__c")?.EndsWith($"/recordings/{vaultId}", StringComparison.Ordinal) == true);
        Assert.Equal(SalesforceSeed.Contacts.CaliforniaMobile, Text(recording, "Contact__c"));
        Assert.Equal(SalesforceSeed.Users.SalesRep, Text(recording, "Rep__c"));
        var task = host.Salesforce.Record("Task", Text(recording, "Task_Id__c")!)!;
        Assert.Equal("Call", Text(task, "TaskSubtype"));
        Assert.Equal(SalesforceSeed.Contacts.CaliforniaMobile, Text(task, "WhoId"));
        Assert.Equal(SalesforceSeed.Users.SalesRep, Text(task, "OwnerId"));
        Assert.Equal(Text(recording, "Call_Id__c"), Text(task, "CallObject"));
        output.WriteLine($"Task {Text(task, "Id")}, Call_Recording__c {Text(recording, "Id")}");
    }

    [Fact]
    public async Task Dialer_SalesforceDecisionShown_HasNoSeriousAccessibilityViolations()
    {
        await using var lightning = await LightningHostPage.OpenAsync(host);
        await lightning.SignInAsync("Riley Chen");

        await lightning.CallAsync("Ben Carter");

        await Assertions.Expect(lightning.Dialer.Locator("#decision-headline")).ToHaveTextAsync("The customer will hear a recording notice first; recording starts after it.");
        await Accessibility.AssertNoSeriousViolationsAsync(lightning.Dialer.Locator("html"));
    }

    [Fact]
    public async Task SignIn_SalesforceDialer_OpensTheOrgsSignInListingItsUsersByName()
    {
        await using var lightning = await LightningHostPage.OpenAsync(host);
        await Assertions.Expect(lightning.Status).ToHaveTextAsync("Sign in to place recorded calls.");

        var popup = await lightning.Page.Context.RunAndWaitForPageAsync(() => lightning.Dialer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync());

        // The Salesforce issuer (not the Entra ID one) lists the org's people; the integration user is not one of them.
        var salesforce = host.Services.GetRequiredService<SandboxSalesforceOpenId>().Authority;
        Assert.StartsWith(salesforce + "/", popup.Url, StringComparison.Ordinal);
        await Assertions.Expect(popup.GetByRole(AriaRole.Button, new() { Name = "Taylor Brooks", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(popup.GetByRole(AriaRole.Button, new() { Name = "Integration User", Exact = true })).ToHaveCountAsync(0);
        var closed = new TaskCompletionSource();
        popup.Close += (_, _) => closed.TrySetResult();
        await popup.GetByRole(AriaRole.Button, new() { Name = "Sam Okafor", Exact = true }).ClickAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));

        await Assertions.Expect(lightning.Dialer.GetByText("Signed in as Sam Okafor")).ToBeVisibleAsync();
        await Assertions.Expect(lightning.Status).ToHaveTextAsync("Ready: click a phone number in the CRM to call.");
    }

    [Fact]
    public async Task Dialer_LightningOriginNotAllowed_LoadsNothing()
    {
        using var client = await host.ClientAsync();

        using var response = await client.GetAsync("/crm/salesforce/dialer?sfdcIframeOrigin=https%3A%2F%2Fevil.lightning.example&mode=Lightning");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("opencti_min.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
