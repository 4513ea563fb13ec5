using System.Net;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Limits;
using CrmRecording.Testing.Http;

namespace CrmRecording.Emulators.Tests.Dataverse.Limits;

/// <summary>The stand-in's service protection limits, answered as Microsoft documents them (429, Retry-After, the error codes).</summary>
public sealed class ServiceProtectionTests
{
    [Fact]
    public async Task Requests_OverTheWindowsCount_Answer429WithRetryAfterUntilTheOldestLeavesTheWindow()
    {
        var clock = new JumpingTime(new DateTimeOffset(2025, 3, 4, 15, 6, 7, TimeSpan.Zero));
        var options = new DataverseStandInOptions { TimeProvider = clock, ServiceProtection = { Enabled = true, MaxRequests = 3 } };
        await using var session = await StandInSession.StartAsync(options);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await session.SendAsync(HttpMethod.Get, "WhoAmI");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        using var refused = await session.SendAsync(HttpMethod.Get, "WhoAmI");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        // The first request leaves the 300-second window 270 seconds from now.
        Assert.Equal(TimeSpan.FromSeconds(270), refused.Headers.RetryAfter?.Delta);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("0x80072322", (string?)error["code"]);
        Assert.Equal(-2147015902, Convert.ToInt32((string?)error["code"], 16));
        Assert.Equal("Number of requests exceeded the limit of 3 over time window of 300 seconds.", (string?)error["message"]);
        clock.Advance(TimeSpan.FromSeconds(270));
        using var again = await session.SendAsync(HttpMethod.Get, "WhoAmI");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, session.StandIn.ServiceProtection.RequestsDuringRetryAfter);
    }

    [Fact]
    public async Task Request_SentBeforeTheRetryAfterEnds_IsCountedAndRefused()
    {
        var clock = new JumpingTime(new DateTimeOffset(2025, 3, 4, 15, 6, 7, TimeSpan.Zero));
        var options = new DataverseStandInOptions { TimeProvider = clock, ServiceProtection = { Enabled = true, MaxRequests = 1 } };
        await using var session = await StandInSession.StartAsync(options);
        using var first = await session.SendAsync(HttpMethod.Get, "WhoAmI");
        using var refused = await session.SendAsync(HttpMethod.Get, "WhoAmI");
        clock.Advance(TimeSpan.FromSeconds(299));

        using var tooEarly = await session.SendAsync(HttpMethod.Get, "WhoAmI");

        Assert.Equal(HttpStatusCode.TooManyRequests, tooEarly.StatusCode);
        Assert.Equal(1, session.StandIn.ServiceProtection.RequestsDuringRetryAfter);
        Assert.Equal([ServiceProtectionLimit.Requests, ServiceProtectionLimit.Requests], session.StandIn.ServiceProtection.Refusals.Select(r => r.Limit));
    }

    [Fact]
    public async Task Requests_OverTheExecutionTime_Answer429WithTheExecutionTimeCode()
    {
        // Any request takes more than a tick on the system clock.
        var options = new DataverseStandInOptions { ServiceProtection = { Enabled = true, MaxExecutionTime = TimeSpan.FromTicks(1) } };
        await using var session = await StandInSession.StartAsync(options);
        using var first = await session.SendAsync(HttpMethod.Get, "contacts?$top=1");

        using var refused = await session.SendAsync(HttpMethod.Get, "WhoAmI");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(-2147015903, Convert.ToInt32((string?)error["code"], 16));
        Assert.StartsWith("Combined execution time of incoming requests exceeded limit of 0 milliseconds over time window of 300 seconds.", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_BeyondTheConcurrentLimit_Answers429WithTheConcurrencyCode()
    {
        var options = new DataverseStandInOptions { ServiceProtection = { Enabled = true, MaxConcurrentRequests = 1 } };
        await using var session = await StandInSession.StartAsync(options);
        var protection = session.StandIn.ServiceProtection;
        // A request of this user is in progress (admitted, not yet ended).
        Assert.Null(protection.Enter(options.CallerUserId));

        using var refused = await session.SendAsync(HttpMethod.Get, "WhoAmI");
        protection.Leave(options.CallerUserId, TimeSpan.Zero);
        using var after = await session.SendAsync(HttpMethod.Get, "WhoAmI");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(-2147015898, Convert.ToInt32((string?)error["code"], 16));
        Assert.Equal("Number of concurrent requests exceeded the limit of 1.", (string?)error["message"]);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Limits_ArePerUser_AnotherUsersRequestsAreNotRefused()
    {
        var clock = new JumpingTime(new DateTimeOffset(2025, 3, 4, 15, 6, 7, TimeSpan.Zero));
        var options = new DataverseStandInOptions { TimeProvider = clock, ServiceProtection = { Enabled = true, MaxRequests = 1 } };
        options.OtherCallers["editor-token"] = Guid.NewGuid();
        await using var session = await StandInSession.StartAsync(options);
        using var first = await session.SendAsync(HttpMethod.Get, "WhoAmI");
        using var refused = await session.SendAsync(HttpMethod.Get, "WhoAmI");

        using var other = session.Request(HttpMethod.Get, "WhoAmI");
        other.Headers.Authorization = new("Bearer", "editor-token");
        using var answer = await session.Http.SendAsync(other);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task Limits_Off_NeverRefuse()
    {
        var options = new DataverseStandInOptions { ServiceProtection = { MaxRequests = 1 } };
        await using var session = await StandInSession.StartAsync(options);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await session.SendAsync(HttpMethod.Get, "WhoAmI");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Empty(session.StandIn.ServiceProtection.Refusals);
    }
}
