using System.Net;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>Injected 429/500/503 answers in Twilio's error shape, and an outage.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private TwilioSession session = null!;

    public async Task InitializeAsync() => session = await TwilioSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task TooManyRequests_NextTwoRequests_Answer429WithRetryAfterThenRecover()
    {
        session.StandIn.Faults.TooManyRequests(2, TimeSpan.FromSeconds(3));

        using var first = await session.Http.GetAsync("v2/PhoneNumbers/+14159929960");
        using var second = await session.Http.GetAsync("v2/PhoneNumbers/+14159929960");
        using var third = await session.Http.GetAsync("v2/PhoneNumbers/+14159929960");

        foreach (var throttled in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter!.Delta);
            var error = await TwilioSession.JsonAsync(throttled);
            Assert.Equal(20429, error.GetProperty("code").GetInt32());
            Assert.Equal(429, error.GetProperty("status").GetInt32());
        }

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(0, session.StandIn.Faults.Pending);
    }

    [Fact]
    public async Task InternalErrorThenUnavailable_AnswerOneRequestEach()
    {
        session.StandIn.Faults.InternalError(1);
        session.StandIn.Faults.ServiceUnavailable(1);

        using var first = await session.PostAsync("Calls.json", ("To", TwilioSession.Customer), ("From", TwilioSession.CompanyNumber), ("Url", FakeApplication.Url("/voice")));
        using var second = await session.Http.GetAsync("v2/PhoneNumbers/+14159929960");

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(20500, (await TwilioSession.JsonAsync(first)).GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Empty(session.StandIn.Calls);
    }

    [Fact]
    public async Task GoDown_DropsConnectionsUntilBackUp()
    {
        session.StandIn.Faults.GoDown();

        await Assert.ThrowsAsync<HttpRequestException>(() => session.Http.GetAsync("v2/PhoneNumbers/+14159929960"));

        session.StandIn.Faults.ComeBackUp();
        using var recovered = await session.Http.GetAsync("v2/PhoneNumbers/+14159929960");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(2, session.StandIn.Requests.All.Count);
    }
}
