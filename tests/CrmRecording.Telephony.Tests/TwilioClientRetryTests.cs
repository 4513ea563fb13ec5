using System.Net;
using CrmRecording.Telephony.Tests.Support;
using Polly.CircuitBreaker;

namespace CrmRecording.Telephony.Tests;

/// <summary>
/// 429 is retried for every request; 5xx and broken connections only for idempotent ones, never for placing a
/// call or starting a recording. Waits go through the fake clock, so no test sleeps.
/// </summary>
public sealed class TwilioClientRetryTests
{
    private static readonly CreateCallRequest Call = new("+15558675310", null, new Uri("https://media.example.com/twilio/voice"));

    [Fact]
    public async Task CreateCall_429WithRetryAfter_WaitsThatLongOnTheClockAndSendsAFreshIdenticalRequest()
    {
        using var h = new ClientHarness();
        var start = h.Time.Now;
        h.Handler
            .Reply(() => Responses.Throttled("7"))
            .Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-create-response.json"));

        var call = await h.Client.CreateCallAsync(Call);

        Assert.Equal("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", call.Sid);
        Assert.Equal([TimeSpan.FromSeconds(7)], h.Time.Waits);
        Assert.Equal(start.AddSeconds(7), h.Time.Now);
        Assert.Equal(2, h.Handler.Requests.Count);
        var (first, again) = (h.Handler.Requests[0], h.Handler.Requests[1]);
        Assert.Equal((first.Method, first.Uri, first.Body), (again.Method, again.Uri, again.Body));
        Assert.Equal(first.Headers.OrderBy(p => p.Key), again.Headers.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task CreateCall_429ThenSuccess_ReleasesTheThrottledResponse()
    {
        using var h = new ClientHarness();
        var throttled = Responses.Throttled("1");
        h.Handler.Reply(() => throttled).Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-create-response.json"));

        await h.Client.CreateCallAsync(Call);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => throttled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreateCall_500_IsNotRetriedAndThrows()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.ServerError()).Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-create-response.json"));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.CreateCallAsync(Call));

        Assert.Equal((500, 20500), (e.Status, e.Code));
        Assert.Single(h.Handler.Requests);
        Assert.Empty(h.Time.Waits);
    }

    [Fact]
    public async Task CreateCall_ConnectionFailure_IsNotRetriedAndThrowsStatusZero()
    {
        using var h = new ClientHarness();
        h.Handler.Fail().Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-create-response.json"));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.CreateCallAsync(Call));

        Assert.Equal(0, e.Status);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Contains("POST Calls.json", e.Message, StringComparison.Ordinal);
        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task StartRecording_503_IsNotRetried()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.ServerError(HttpStatusCode.ServiceUnavailable));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.StartRecordingAsync(ClientHarness.CallSid, new StartRecordingRequest()));

        Assert.Equal(503, e.Status);
        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task GetRecording_503ThenSuccess_IsRetriedWithBackoff()
    {
        using var h = new ClientHarness();
        h.Handler
            .Reply(() => Responses.ServerError(HttpStatusCode.ServiceUnavailable))
            .Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-recording-fetch-response.json"));

        var recording = await h.Client.GetRecordingAsync(ClientHarness.RecordingSid);

        Assert.Equal(ClientHarness.RecordingSid, recording.Sid);
        Assert.Equal(2, h.Handler.Requests.Count);
        var wait = Assert.Single(h.Time.Waits);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PauseRecording_BrokenConnectionThen502ThenSuccess_IsRetriedBecauseSettingAStatusIsIdempotent()
    {
        using var h = new ClientHarness();
        h.Handler
            .Fail()
            .Reply(() => Responses.ServerError(HttpStatusCode.BadGateway))
            .Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-call-recording-response.json"));

        await h.Client.PauseRecordingAsync(ClientHarness.CallSid);

        Assert.Equal(3, h.Handler.Requests.Count);
        Assert.All(h.Handler.Requests, r => Assert.Equal("Status=paused&PauseBehavior=skip", r.Body));
        Assert.Equal(2, h.Time.Waits.Count);
    }

    [Fact]
    public async Task UpdateCallRedirect_500_IsNotRetried()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.ServerError());

        await Assert.ThrowsAsync<TwilioException>(() => h.Client.UpdateCallAsync(ClientHarness.CallSid, new UpdateCallRequest { Twiml = CallTwiml.Empty() }));

        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task UpdateCallComplete_500ThenSuccess_IsRetried()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.ServerError()).Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-call-fetch-response.json"));

        await h.Client.UpdateCallAsync(ClientHarness.CallSid, UpdateCallRequest.Complete());

        Assert.Equal(2, h.Handler.Requests.Count);
    }

    [Fact]
    public async Task GetRecording_429BeyondMaxRetries_ThrowsWithTwilioCodeAndRetryAfter()
    {
        using var h = new ClientHarness(o => o.MaxRetries = 2);
        h.Handler.Reply(() => Responses.Throttled("3")).Reply(() => Responses.Throttled("3")).Reply(() => Responses.Throttled("3"));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.GetRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal(429, e.Status);
        Assert.Equal(20429, e.Code);
        Assert.Equal("Too Many Requests", e.ServerMessage);
        Assert.Equal(TimeSpan.FromSeconds(3), e.RetryAfter);
        Assert.Equal(3, h.Handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], h.Time.Waits);
    }

    [Fact]
    public async Task GetRecording_503BeyondMaxRetries_ThrowsTheLastError()
    {
        using var h = new ClientHarness(o => o.MaxRetries = 3);
        for (var i = 0; i < 4; i++)
        {
            h.Handler.Reply(() => Responses.ServerError(HttpStatusCode.ServiceUnavailable));
        }

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.GetRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal((503, 20500), (e.Status, e.Code));
        Assert.Equal(4, h.Handler.Requests.Count);
        Assert.Equal(3, h.Time.Waits.Count);
    }

    [Fact]
    public async Task CreateCall_429WithoutRetryAfter_BacksOffExponentiallyWithJitter()
    {
        using var h = new ClientHarness();
        h.Handler
            .Reply(() => Responses.Throttled(retryAfterSeconds: null))
            .Reply(() => Responses.Throttled(retryAfterSeconds: null))
            .Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-create-response.json"));

        await h.Client.CreateCallAsync(Call);

        Assert.Equal(2, h.Time.Waits.Count);
        Assert.All(h.Time.Waits, w => Assert.InRange(w, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task CreateCall_RetryAfterLongerThanAMinute_IsNotWaitedOut()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Throttled("3600"));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.CreateCallAsync(Call));

        Assert.Equal(TimeSpan.FromHours(1), e.RetryAfter);
        Assert.Empty(h.Time.Waits);
    }

    [Fact]
    public async Task GetRecording_MaxRetriesZero_ThrowsOnTheFirstThrottle()
    {
        using var h = new ClientHarness(o => o.MaxRetries = 0);
        h.Handler.Reply(() => Responses.Throttled());

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.GetRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal(429, e.Status);
        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task GetRecording_CancelledDuringRetryWait_ThrowsOperationCanceled()
    {
        using var h = new ClientHarness(frozenTime: true);
        using var cancel = new CancellationTokenSource();
        h.Handler.Reply(() =>
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(50));
            return Responses.Throttled("30");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.GetRecordingAsync(ClientHarness.RecordingSid, cancel.Token));

        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task GetRecording_HttpClientTimeout_IsRetriedThenReportedAsTimeout()
    {
        using var h = new ClientHarness(o => o.MaxRetries = 1);
        h.Handler
            .Reply(_ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"))
            .Reply(_ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.GetRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal(0, e.Status);
        Assert.Contains("timed out", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, h.Handler.Requests.Count);
    }

    [Fact]
    public async Task GetRecording_TwilioKeepsFailing_CircuitOpensAndTheNextRequestFailsAtOnceWithoutBeingSent()
    {
        using var h = new ClientHarness(o => o.MaxRetries = 0);
        for (var i = 0; i < 20; i++)
        {
            h.Handler.Reply(() => Responses.ServerError(HttpStatusCode.BadGateway));
            await Assert.ThrowsAsync<TwilioException>(() => h.Client.GetRecordingAsync(ClientHarness.RecordingSid));
        }

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.GetRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal(0, e.Status);
        Assert.Equal(TimeSpan.FromSeconds(15), e.RetryAfter);
        Assert.IsType<BrokenCircuitException>(e.InnerException);
        Assert.Equal(20, h.Handler.Requests.Count);
    }
}
