using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Salesforce;

namespace CrmRecording.Emulators.Tests.Salesforce;

/// <summary>Injected faults, met by the production client: a new session after expiry, retry-later for limits and outages.</summary>
public sealed class SalesforceFaultTests
{
    private static readonly SalesforceId Ana = SalesforceId.Parse(SalesforceSeed.Contacts.CaliforniaMobile);

    [Fact]
    public async Task ExpiredSession_ClientSignsInAgainAndTheReadSucceeds()
    {
        await using var s = await SalesforceSession.StartAsync();
        await s.Client.GetContactAsync(Ana);
        s.StandIn.Faults.ExpireSessions();

        var ana = await s.Client.GetContactAsync(Ana);

        Assert.Equal("Ana Reyes", ana!.Name);
        Assert.Equal(2, s.TokenRequests);
        var reads = s.StandIn.Requests.All.Where(r => r.Url.AbsolutePath.Contains("/sobjects/Contact/", StringComparison.Ordinal)).Select(r => r.Header("Authorization")).ToList();
        Assert.Equal(3, reads.Count);
        Assert.Equal(reads[0], reads[1]);
        Assert.NotEqual(reads[1], reads[2]);
    }

    [Fact]
    public async Task ExpiredTwiceInARow_SurfacesInvalidSession()
    {
        await using var s = await SalesforceSession.StartAsync();
        s.StandIn.Faults.ExpireSessionsBefore(2);

        var e = await Assert.ThrowsAsync<SalesforceException>(() => s.Client.GetContactAsync(Ana));

        Assert.Equal((401, "INVALID_SESSION_ID"), (e.Status, e.ErrorCode));
    }

    [Fact]
    public async Task DailyLimitReached_IsRetryLaterAndNothingIsWritten()
    {
        await using var s = await SalesforceSession.StartAsync();
        s.StandIn.Faults.ReachDailyLimit();

        var e = await Assert.ThrowsAsync<SalesforceException>(() => s.Client.UpdateAsync("Contact", Ana, new Dictionary<string, object?> { ["Recording_Decision__c"] = "record" }));

        Assert.Equal(("REQUEST_LIMIT_EXCEEDED", TimeSpan.FromMinutes(15)), (e.ErrorCode, e.RetryAfter));
        Assert.Null((string?)s.StandIn.Record("Contact", Ana.Value)!["Recording_Decision__c"]);
        Assert.Equal(new CrmRecording.Salesforce.Http.ApiUsage(100_000, 100_000), s.Client.LastApiUsage);
    }

    [Fact]
    public async Task ServiceUnavailableOnce_IsRetryLaterThenServed()
    {
        await using var s = await SalesforceSession.StartAsync();
        await s.Client.GetSessionAsync();
        s.StandIn.Faults.ServiceUnavailable(1);

        var e = await Assert.ThrowsAsync<SalesforceException>(() => s.Client.GetContactAsync(Ana));
        var ana = await s.Client.GetContactAsync(Ana);

        Assert.Equal(503, e.Status);
        Assert.True(e.IsRetryLater);
        Assert.NotNull(ana);
    }

    [Fact]
    public async Task Down_TokenEndpointToo_IsRetryLater()
    {
        await using var s = await SalesforceSession.StartAsync();
        s.StandIn.Faults.GoDown();

        var e = await Assert.ThrowsAsync<SalesforceException>(() => s.Client.GetContactAsync(Ana));
        s.StandIn.Faults.ComeBackUp();

        Assert.Equal(503, e.Status);
        Assert.True(e.IsRetryLater);
        Assert.NotNull(await s.Client.GetContactAsync(Ana));
    }

    [Fact]
    public async Task LimitInfo_EveryDataResponse_CountsTheRequest()
    {
        await using var s = await SalesforceSession.StartAsync();

        await s.Client.GetContactAsync(Ana);
        var first = s.Client.LastApiUsage!.Used;
        await s.Client.GetContactAsync(Ana);

        Assert.Equal(first + 1, s.Client.LastApiUsage!.Used);
        Assert.Equal(100_000, s.Client.LastApiUsage.Limit);
    }
}
