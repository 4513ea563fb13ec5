using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Salesforce refusing or away: the API limit holds write-backs in the outbox; an outage is a 503 that is not remembered.</summary>
public sealed class SalesforceResilienceTests
{
    private const string CaliforniaNumber = "+14155550101";

    [Fact]
    public async Task DailyLimitReachedAtHangUp_WriteBackWaitsInTheOutbox_ThenLandsOnce()
    {
        using var sandbox = new SandboxCall(f => f.Settings["Salesforce:DailyLimitRetryDelay"] = "00:00:00.200");
        sandbox.Twilio.Options.Callees[CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne);
        var rep = sandbox.AsSalesforce(SalesforceSeed.Users.SalesRep);
        var response = await rep.PostAsJsonAsync("/api/calls", new { crm = "salesforce", entity = "Contact", id = SalesforceSeed.Contacts.CaliforniaMobile });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var placed = (await response.Content.ReadFromJsonAsync<PlaceCallResponse>(SandboxCall.Json))!;
        var call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording started");

        sandbox.Salesforce.Faults.ReachDailyLimit();
        var refusedBefore = sandbox.Salesforce.Requests.All.Count;
        await sandbox.Twilio.HangUpAsync(call.CustomerCallSid!);
        await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.DeletedAtTwilio), "stored and deleted at Twilio while the limit holds");
        await WaitUntilAsync(() => sandbox.Salesforce.Requests.All.Skip(refusedBefore).Count(r => r.Method == "PATCH" && r.Url.AbsolutePath.Contains("/sobjects/Task/", StringComparison.Ordinal)) >= 2, "two refused write-back attempts");
        Assert.False(Assert.Single((await sandbox.Calls.GetAsync(placed.CallId))!.Recordings).WrittenToCrm);
        Assert.DoesNotContain(sandbox.Salesforce.Records("Call_Recording__c"), r => (string?)r["Call_Id__c"] == placed.CallId);

        sandbox.Salesforce.Faults.ResetDailyLimit();
        call = await sandbox.WaitAsync(placed.CallId, c => c.Recordings.Any(r => r.WrittenToCrm), "written back once the limit resets");

        Assert.Single(sandbox.Salesforce.Records("Call_Recording__c"), r => (string?)r["Call_Id__c"] == call.Id);
        await sandbox.WaitForSalesforceAsync("Consent_Log__c", r => (string?)r["Log_Key__c"] == $"{call.Id}:consent-granted:consent-question", "the consent log, also held and retried");
        Assert.Single(sandbox.Salesforce.Records("Consent_Log__c"), r => (string?)r["Log_Key__c"] == $"{call.Id}:consent-granted:consent-question");
    }

    [Fact]
    public async Task Playback_SalesforceDown_Is503_AndTheNextRequestAsksAgain()
    {
        using var sandbox = new SandboxCall();
        var reviewer = sandbox.AsSalesforce(SalesforceSeed.Users.ComplianceReviewer);
        var missing = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

        sandbox.Salesforce.Faults.GoDown();
        var down = await reviewer.GetAsync($"/api/recordings/{missing}");
        sandbox.Salesforce.Faults.ComeBackUp();
        var back = await reviewer.GetAsync($"/api/recordings/{missing}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, back.StatusCode);
    }

    [Fact]
    public async Task Playback_InactiveOrUnknownSalesforceUserInToken_Is403()
    {
        using var sandbox = new SandboxCall();
        var issuer = (CrmRecording.Service.Auth.SandboxTokenIssuer)sandbox.Factory.Services.GetService(typeof(CrmRecording.Service.Auth.SandboxTokenIssuer))!;
        var client = sandbox.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issuer.MintSalesforce("005Sd0000000099AAA", "Nobody", TimeProvider.System.GetUtcNow()));

        var response = await client.GetAsync($"/api/recordings/{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("no active Salesforce user", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException($"Never reached: {what}.");
            }

            await Task.Delay(50);
        }
    }
}
