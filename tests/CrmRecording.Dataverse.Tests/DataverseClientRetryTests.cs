using System.Net;
using CrmRecording.Dataverse.Tests.Support;

namespace CrmRecording.Dataverse.Tests;

/// <summary>Service protection limits (api-limits.md): 429 with Retry-After in seconds, and 503, retried through the TimeProvider.</summary>
public sealed class DataverseClientRetryTests
{
    private static readonly Guid ContactId = Guid.Parse("0928bcb4-bb27-ed11-9db1-002248274ada");
    private static readonly Dictionary<string, object?> Columns = new() { ["crr_verifiedregion"] = "US-CA" };

    [Fact]
    public async Task Send_429ThenSuccess_WaitsRetryAfterSecondsOnTheClockAndSendsAgain()
    {
        using var h = new ClientHarness();
        var start = h.Time.Now;
        h.Handler
            .Reply(() => Responses.Throttled("5"))
            .Reply(() => Responses.Empty(HttpStatusCode.NoContent));

        await h.Client.UpdateAsync("contacts", ContactId, Columns);

        Assert.Equal([TimeSpan.FromSeconds(5)], h.Time.Waits);
        Assert.Equal(start.AddSeconds(5), h.Time.Now);
        Assert.Equal(2, h.Handler.Requests.Count);
        var (first, again) = (h.Handler.Requests[0], h.Handler.Requests[1]);
        Assert.Equal((first.Method, first.Uri, first.Body), (again.Method, again.Uri, again.Body));
        Assert.Equal(first.Headers.OrderBy(p => p.Key), again.Headers.OrderBy(p => p.Key));
        Assert.Equal(1, h.Tokens.Calls);
    }

    [Fact]
    public async Task Send_503ThenSuccess_IsRetriedLikeAThrottle()
    {
        using var h = new ClientHarness();
        h.Handler
            .Reply(() => Responses.Empty(HttpStatusCode.ServiceUnavailable, ("Retry-After", "2")))
            .Reply(() => Responses.Empty(HttpStatusCode.NoContent));

        await h.Client.UpdateAsync("contacts", ContactId, Columns);

        Assert.Equal([TimeSpan.FromSeconds(2)], h.Time.Waits);
        Assert.Equal(2, h.Handler.Requests.Count);
    }

    [Fact]
    public async Task Send_429BeyondMaxRetries_ThrowsWithStatus429CodeAndRetryAfter()
    {
        using var h = new ClientHarness(o => o.MaxRetries = 2);
        h.Handler.Reply(() => Responses.Throttled("30")).Reply(() => Responses.Throttled("30")).Reply(() => Responses.Throttled("30"));

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.UpdateAsync("contacts", ContactId, Columns));

        Assert.Equal(429, e.Status);
        Assert.Equal("0x80072322", e.ErrorCode);
        Assert.Equal("Number of requests exceeded the limit of 6000 over time window of 300 seconds.", e.ServerMessage);
        Assert.Equal(TimeSpan.FromSeconds(30), e.RetryAfter);
        Assert.Equal(3, h.Handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)], h.Time.Waits);
    }

    [Fact]
    public async Task Send_MaxRetriesZero_ThrowsOnTheFirstThrottle()
    {
        using var h = new ClientHarness(o => o.MaxRetries = 0);
        h.Handler.Reply(() => Responses.Throttled());

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal(429, e.Status);
        Assert.Empty(h.Time.Waits);
    }

    [Fact]
    public async Task Send_429WithoutRetryAfter_BacksOffTwoThenFourSeconds()
    {
        using var h = new ClientHarness();
        h.Handler
            .Reply(() => Responses.Throttled(retryAfterSeconds: null))
            .Reply(() => Responses.Throttled(retryAfterSeconds: null))
            .Reply(() => Responses.Empty(HttpStatusCode.NoContent));

        await h.Client.UpdateAsync("contacts", ContactId, Columns);

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], h.Time.Waits);
    }

    [Fact]
    public async Task Send_RetryAfterAsHttpDate_WaitsUntilThatInstant()
    {
        using var h = new ClientHarness();
        var until = h.Time.Now.AddSeconds(42).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        h.Handler
            .Reply(() => Responses.Empty(HttpStatusCode.TooManyRequests, ("Retry-After", until)))
            .Reply(() => Responses.Empty(HttpStatusCode.NoContent));

        await h.Client.UpdateAsync("contacts", ContactId, Columns);

        Assert.Equal([TimeSpan.FromSeconds(42)], h.Time.Waits);
    }

    [Fact]
    public async Task Send_CancelledDuringRetryWait_ThrowsOperationCanceled()
    {
        using var h = new ClientHarness(frozenTime: true);
        using var cancel = new CancellationTokenSource();
        h.Handler.Reply(() =>
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(50));
            return Responses.Throttled("300");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.UpdateAsync("contacts", ContactId, Columns, cancel.Token));

        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task Send_400_IsNotRetried()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.BadRequest, Samples.Text("dataverse-webapi-error-sample.json")));

        await Assert.ThrowsAsync<DataverseException>(() => h.Client.UpdateAsync("contacts", ContactId, Columns));

        Assert.Single(h.Handler.Requests);
        Assert.Empty(h.Time.Waits);
    }
}
