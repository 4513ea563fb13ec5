using System.Globalization;
using System.Net;
using System.Text.Json;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>The Call resource over raw HTTP: authentication, required parameters with Twilio's codes, and the JSON shape.</summary>
public sealed class CallsApiTests : IAsyncLifetime
{
    private TwilioSession session = null!;

    public async Task InitializeAsync() => session = await TwilioSession.StartAsync(o =>
    {
        o.ApiKeySid = "SK00000000000000000000000000000abc";
        o.ApiKeySecret = "key-secret";
    });

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Theory]
    [InlineData(null, "Url", 21201, "No 'To' number is specified")]
    [InlineData("To", "Url", 21213, "No 'From' number is specified")]
    [InlineData("To", "From", 21205, "Url parameter is required.")]
    public async Task CreateCall_RequiredParameterMissing_Answers400WithTwilioCode(string? first, string second, int code, string message)
    {
        var form = new List<(string, string)>();
        foreach (var name in new[] { first, second }.OfType<string>())
        {
            form.Add(name switch
            {
                "To" => ("To", TwilioSession.Customer),
                "From" => ("From", TwilioSession.CompanyNumber),
                _ => ("Url", FakeApplication.Url("/voice")),
            });
        }

        using var response = await session.PostAsync("Calls.json", [.. form]);
        var error = await TwilioSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal($"https://www.twilio.com/docs/errors/{code}", error.GetProperty("more_info").GetString());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
        Assert.Empty(session.StandIn.Calls);
    }

    [Fact]
    public async Task CreateCall_WithoutCredentials_Answers401Code20003()
    {
        using var anonymous = new HttpClient { BaseAddress = session.StandIn.BaseAddress };
        using var response = await anonymous.PostAsync(session.Api("Calls.json"), new FormUrlEncodedContent([]));
        var error = await TwilioSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(20003, error.GetProperty("code").GetInt32());
        Assert.Equal(401, error.GetProperty("status").GetInt32());
        Assert.Equal("https://www.twilio.com/docs/errors/20003", error.GetProperty("more_info").GetString());
    }

    [Fact]
    public async Task FetchCall_WrongAuthToken_Answers401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, session.Api("Calls/CA00000000000000000000000000000000.json"));
        request.Headers.Authorization = TwilioSession.Basic(session.Account, "not-the-token");

        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FetchCall_ApiKeyCredentials_AreAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, session.Api("Calls/CA00000000000000000000000000000000.json"));
        request.Headers.Authorization = TwilioSession.Basic("SK00000000000000000000000000000abc", "key-secret");

        using var response = await session.Http.SendAsync(request);
        var error = await TwilioSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(20404, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task CreateCall_AnotherAccountInThePath_Answers404Code20404()
    {
        using var response = await session.Http.PostAsync(
            "2010-04-01/Accounts/AC99999999999999999999999999999999/Calls.json",
            new FormUrlEncodedContent([new("To", TwilioSession.Customer), new("From", TwilioSession.CompanyNumber), new("Url", FakeApplication.Url("/voice"))]));
        var error = await TwilioSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(20404, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task CreateCall_Valid_Answers201QueuedCallInTwilioShape()
    {
        using var response = await session.PostAsync("Calls.json", ("To", TwilioSession.Customer), ("From", TwilioSession.CompanyNumber), ("Url", FakeApplication.Url("/voice")));
        var call = await TwilioSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sid = call.GetProperty("sid").GetString()!;
        Assert.Matches("^CA[0-9a-f]{32}$", sid);
        Assert.Equal("queued", call.GetProperty("status").GetString());
        Assert.Equal(session.Account, call.GetProperty("account_sid").GetString());
        Assert.Equal("2010-04-01", call.GetProperty("api_version").GetString());
        Assert.Equal("outbound-api", call.GetProperty("direction").GetString());
        Assert.Equal(TwilioSession.Customer, call.GetProperty("to").GetString());
        Assert.Equal("(415) 555-0199", call.GetProperty("to_formatted").GetString());
        Assert.Equal(TwilioSession.CompanyNumber, call.GetProperty("from").GetString());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("parent_call_sid").ValueKind);
        Assert.Equal(JsonValueKind.Null, call.GetProperty("start_time").ValueKind);
        Assert.Equal("Tue, 04 Mar 2025 15:06:07 +0000", call.GetProperty("date_created").GetString());
        Assert.True(DateTimeOffset.TryParseExact(call.GetProperty("date_updated").GetString(), "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.Equal($"/2010-04-01/Accounts/{session.Account}/Calls/{sid}.json", call.GetProperty("uri").GetString());
        Assert.Equal($"/2010-04-01/Accounts/{session.Account}/Calls/{sid}/Recordings.json", call.GetProperty("subresource_uris").GetProperty("recordings").GetString());
    }

    [Fact]
    public async Task FetchCall_AfterTheCallRan_ShowsCompletedWithTimes()
    {
        session.Application.Twiml("/voice", "<Response><Say>Hello</Say></Response>");
        var sid = await session.CallAsync(TwilioSession.Customer, "/voice");
        await session.StandIn.WaitForEndAsync(sid, TwilioSession.Patience);

        using var response = await session.Http.GetAsync(session.Api($"Calls/{sid}.json"));
        var call = await TwilioSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", call.GetProperty("status").GetString());
        Assert.Equal("Tue, 04 Mar 2025 15:06:07 +0000", call.GetProperty("start_time").GetString());
        Assert.Equal("Tue, 04 Mar 2025 15:06:07 +0000", call.GetProperty("end_time").GetString());
        Assert.Equal("0", call.GetProperty("duration").GetString());
    }

    [Fact]
    public async Task CreateCall_StatusCallbackEvents_AreSentInOrderWithCallDurationAtTheEnd()
    {
        session.Application.Twiml("/voice", "<Response><Say>Hello</Say></Response>");
        var sid = await session.CallAsync(
            TwilioSession.Customer,
            "/voice",
            ("StatusCallback", FakeApplication.Url("/status")),
            ("StatusCallbackEvent", "initiated"),
            ("StatusCallbackEvent", "ringing"),
            ("StatusCallbackEvent", "answered completed"));
        await session.StandIn.WaitForEndAsync(sid, TwilioSession.Patience);

        var events = session.Application.To("/status");
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], events.Select(e => e["CallStatus"]));
        Assert.Equal(["0", "1", "2", "3"], events.Select(e => e["SequenceNumber"]));
        Assert.All(events, e => Assert.Equal("call-progress-events", e["CallbackSource"]));
        Assert.Equal("0", events[^1]["CallDuration"]);
        Assert.False(events[0].Has("CallDuration"));
    }

    [Fact]
    public async Task UpdateCall_StatusCompletedOnEndedCall_KeepsItCompleted()
    {
        var sid = await session.CallAsync(TwilioSession.Customer, "/voice");
        await session.StandIn.WaitForEndAsync(sid, TwilioSession.Patience);

        using var response = await session.PostAsync($"Calls/{sid}.json", ("Status", "completed"));
        var call = await TwilioSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", call.GetProperty("status").GetString());
    }
}
