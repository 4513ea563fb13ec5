using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Http.Tests;

public sealed class RetryDelayTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void FromHeader_Seconds_IsThatLong()
    {
        using var response = Answer("7");

        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.FromHeader(response, _time));
    }

    [Fact]
    public void FromHeader_HttpDate_IsTheTimeUntilThenOnTheGivenClock()
    {
        using var response = Answer(_time.GetUtcNow().AddSeconds(42).ToString("R", CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromSeconds(42), RetryDelay.FromHeader(response, _time));
    }

    [Fact]
    public void FromHeader_DateInThePast_IsZeroNotNegative()
    {
        using var response = Answer(_time.GetUtcNow().AddMinutes(-5).ToString("R", CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.Zero, RetryDelay.FromHeader(response, _time));
    }

    [Fact]
    public void FromHeader_Absent_IsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(RetryDelay.FromHeader(response, _time));
    }

    [Fact]
    public void Exponential_WithoutJitter_DoublesFromTheFirstAndStopsAtTheCap()
    {
        var waits = Enumerable.Range(0, 6).Select(attempt => RetryDelay.Exponential(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)));

        Assert.Equal([2, 4, 8, 16, 30, 30], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public void Exponential_HugeAttempt_IsTheCapWithoutOverflow()
    {
        Assert.Equal(TimeSpan.FromHours(1), RetryDelay.Exponential(int.MaxValue, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.999999)]
    public void Exponential_WithJitter_FallsInTheUpperHalfOfTheWait(double draw)
    {
        var wait = RetryDelay.Exponential(2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), draw);

        Assert.InRange(wait, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4) - TimeSpan.FromTicks(1));
        Assert.Equal((long)(TimeSpan.TicksPerSecond * (2 + (2 * draw))), wait.Ticks);
    }

    private static HttpResponseMessage Answer(string retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }
}
