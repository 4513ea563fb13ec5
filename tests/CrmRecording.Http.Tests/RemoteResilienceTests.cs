using System.Net;
using CrmRecording.Testing.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CrmRecording.Http.Tests;

/// <summary>
/// The shared pipeline on a frozen fake clock: each test waits for the pipeline's timer to exist before moving the
/// clock, so what is asserted is the wait itself, never how fast the machine is.
/// </summary>
public sealed class RemoteResilienceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly JumpingTime _time = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)) { Frozen = true };
    private int _sends;

    [Fact]
    public async Task Send_429WithRetryAfter_SendsAgainWhenItHasRunOutAndNotATickEarlier()
    {
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions(), _time);
        var answers = new Queue<HttpResponseMessage>([Throttled("7"), new HttpResponseMessage(HttpStatusCode.OK)]);

        var sending = pipeline.SendAsync(safeToRepeat: false, _ => Next(answers), CancellationToken.None).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(7), await NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromMilliseconds(1));
        Assert.False(sending.IsCompleted);
        Assert.Equal(1, _sends);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        using var response = await sending.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _sends);
    }

    [Fact]
    public async Task Send_RetryAfterLongerThanTheLongestWait_IsReturnedWithoutWaiting()
    {
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions { LongestRetryAfter = TimeSpan.FromMinutes(1) }, _time);
        var answers = new Queue<HttpResponseMessage>([Throttled("61")]);

        using var response = await pipeline.SendAsync(safeToRepeat: true, _ => Next(answers), CancellationToken.None).AsTask().WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1, _sends);
        Assert.Empty(_time.Waits);
    }

    [Theory]
    [InlineData(0.0, 500)]
    [InlineData(0.5, 750)]
    [InlineData(0.99, 995)]
    public async Task Send_503OnASafeRequestWithoutRetryAfter_BacksOffWithJitterWithinHalfToWholeOfTheFirstDelay(double draw, int expectedMilliseconds)
    {
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions { FirstDelay = TimeSpan.FromSeconds(1), Randomizer = () => draw }, _time);
        var answers = new Queue<HttpResponseMessage>([new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), new HttpResponseMessage(HttpStatusCode.OK)]);

        var sending = pipeline.SendAsync(safeToRepeat: true, _ => Next(answers), CancellationToken.None).AsTask();
        var wait = await NextTimerAsync();
        _time.Advance(wait);

        using var response = await sending.WaitAsync(Patience);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), wait);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Send_5xxOnARequestNotSafeToRepeat_IsReturnedAfterOneSend(HttpStatusCode status)
    {
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions(), _time);
        var answers = new Queue<HttpResponseMessage>([new HttpResponseMessage(status)]);

        using var response = await pipeline.SendAsync(safeToRepeat: false, _ => Next(answers), CancellationToken.None).AsTask().WaitAsync(Patience);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(1, _sends);
    }

    [Fact]
    public async Task Send_BrokenConnectionOnARequestNotSafeToRepeat_ThrowsAfterOneSend()
    {
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions(), _time);

        await Assert.ThrowsAsync<HttpRequestException>(() => pipeline.SendAsync(safeToRepeat: false, _ => Refused(), CancellationToken.None).AsTask().WaitAsync(Patience));

        Assert.Equal(1, _sends);
    }

    [Fact]
    public async Task Send_503UnderTheThrottlesAndUnavailableRule_IsRetriedEvenWhenNotSafeToRepeat()
    {
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions { Rule = RetryRule.ThrottlesAndUnavailable, Jitter = false }, _time);
        var answers = new Queue<HttpResponseMessage>([new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), new HttpResponseMessage(HttpStatusCode.Created)]);

        var sending = pipeline.SendAsync(safeToRepeat: false, _ => Next(answers), CancellationToken.None).AsTask();
        _time.Advance(await NextTimerAsync());

        using var response = await sending.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(1)], _time.Waits);
    }

    [Fact]
    public async Task Send_500UnderTheThrottlesAndUnavailableRule_IsNotRetriedEvenWhenSafe()
    {
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions { Rule = RetryRule.ThrottlesAndUnavailable }, _time);
        var answers = new Queue<HttpResponseMessage>([new HttpResponseMessage(HttpStatusCode.InternalServerError)]);

        using var response = await pipeline.SendAsync(safeToRepeat: true, _ => Next(answers), CancellationToken.None).AsTask().WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, _sends);
    }

    [Fact]
    public async Task Send_RemoteThatHangs_AttemptTimesOutOnTheClock()
    {
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions { MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(10) }, _time);
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sending = pipeline.SendAsync(safeToRepeat: true, token => Hang(hung, token), CancellationToken.None).AsTask();
        await hung.Task.WaitAsync(Patience); // the attempt's timeout is armed before the attempt starts
        _time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => sending.WaitAsync(Patience));
    }

    [Fact]
    public async Task Send_TimedOutAttemptOnASafeRequest_IsSentAgain()
    {
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions { MaxRetries = 1, AttemptTimeout = TimeSpan.FromSeconds(10), Jitter = false }, _time);
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sending = pipeline.SendAsync(
            safeToRepeat: true,
            token => _sends == 0 ? Hang(hung, token) : Next(HttpStatusCode.OK),
            CancellationToken.None).AsTask();
        await hung.Task.WaitAsync(Patience); // the attempt's timeout is armed before the attempt starts
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(1), await NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(1));

        using var response = await sending.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _sends);
    }

    [Fact]
    public async Task Send_RemoteThatKeepsFailing_OpensTheCircuitThenHalfOpensAfterTheBreak()
    {
        var breaker = new CircuitBreakerSettings { FailureRatio = 0.5, MinimumThroughput = 4, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(15) };
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions { MaxRetries = 0, CircuitBreaker = breaker }, _time);
        for (var i = 0; i < 4; i++)
        {
            using var failed = await pipeline.SendAsync(safeToRepeat: true, _ => Next(HttpStatusCode.BadGateway), CancellationToken.None);
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        }

        var refused = await Assert.ThrowsAsync<BrokenCircuitException>(() => pipeline.SendAsync(safeToRepeat: true, _ => Next(HttpStatusCode.OK), CancellationToken.None).AsTask());
        Assert.Equal(4, _sends);
        Assert.Equal(TimeSpan.FromSeconds(15), refused.RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(15));
        using var probe = await pipeline.SendAsync(safeToRepeat: true, _ => Next(HttpStatusCode.OK), CancellationToken.None);
        using var after = await pipeline.SendAsync(safeToRepeat: true, _ => Next(HttpStatusCode.OK), CancellationToken.None);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (probe.StatusCode, after.StatusCode));
        Assert.Equal(6, _sends);
    }

    [Fact]
    public async Task Send_ThrottlesOnly_NeverOpenTheCircuit()
    {
        var breaker = new CircuitBreakerSettings { FailureRatio = 0.5, MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(15) };
        var pipeline = RemoteResilience.Build(new RemoteResilienceOptions { MaxRetries = 0, CircuitBreaker = breaker }, _time);

        for (var i = 0; i < 5; i++)
        {
            using var throttled = await pipeline.SendAsync(safeToRepeat: true, _ => Next(new Queue<HttpResponseMessage>([Throttled("1")])), CancellationToken.None);
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        }

        Assert.Equal(5, _sends);
    }

    private async Task<TimeSpan> NextTimerAsync() => await _time.Timers.ReadAsync().AsTask().WaitAsync(Patience);

    private ValueTask<HttpResponseMessage> Next(Queue<HttpResponseMessage> answers)
    {
        Interlocked.Increment(ref _sends);
        return ValueTask.FromResult(answers.Dequeue());
    }

    private ValueTask<HttpResponseMessage> Next(HttpStatusCode status) => Next(new Queue<HttpResponseMessage>([new HttpResponseMessage(status)]));

    private ValueTask<HttpResponseMessage> Refused()
    {
        Interlocked.Increment(ref _sends);
        return ValueTask.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused"));
    }

    private async ValueTask<HttpResponseMessage> Hang(TaskCompletionSource hung, CancellationToken token)
    {
        Interlocked.Increment(ref _sends);
        hung.TrySetResult();
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("A hanging remote never answers.");
    }

    private static HttpResponseMessage Throttled(string retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }
}
