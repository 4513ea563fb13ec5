using System.Net;

namespace CrmRecording.Emulators.Tests.Dataverse.WebApi;

/// <summary>"Service protection API limits": 429 with Retry-After on demand; 503 and outages.</summary>
public sealed class WebApiFaultTests : IAsyncLifetime
{
    private StandInSession session = null!;

    public async Task InitializeAsync() => session = await StandInSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task Throttle_NextTwoRequests_Answer429WithRetryAfterThenRecover()
    {
        session.StandIn.Faults.Throttle(2, TimeSpan.FromSeconds(7));

        using var first = await session.GetAsync("contacts");
        using var second = await session.GetAsync("contacts");
        using var third = await session.GetAsync("contacts");

        foreach (var throttled in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter!.Delta);
            var error = (await StandInSession.JsonAsync(throttled)).GetProperty("error");
            Assert.Equal("0x80072322", error.GetProperty("code").GetString());
            Assert.Equal("Number of requests exceeded the limit of 6000 over time window of 300 seconds.", error.GetProperty("message").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(0, session.StandIn.Faults.Pending);
    }

    [Fact]
    public async Task ServiceUnavailable_OneRequest_Answers503Once()
    {
        session.StandIn.Faults.ServiceUnavailable(1);

        using var failed = await session.GetAsync("contacts");
        using var recovered = await session.GetAsync("contacts");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task GoDown_AnswersEveryRequest503UntilBackUp()
    {
        session.StandIn.Faults.GoDown();
        using var a = await session.GetAsync("contacts");
        using var b = await session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Lost"}""");
        session.StandIn.Faults.ComeBackUp();
        using var c = await session.GetAsync("contacts");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, b.StatusCode);
        Assert.Equal(HttpStatusCode.OK, c.StatusCode);
        Assert.DoesNotContain(session.StandIn.GetRows("contacts"), r => r["lastname"]?.GetValue<string>() == "Lost");
    }

    [Fact]
    public async Task Faults_ApplyAfterTheRequestIsRecorded()
    {
        session.StandIn.Faults.Throttle(1, TimeSpan.FromSeconds(1));

        using var response = await session.GetAsync("contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(session.StandIn.Requests.All);
    }
}
