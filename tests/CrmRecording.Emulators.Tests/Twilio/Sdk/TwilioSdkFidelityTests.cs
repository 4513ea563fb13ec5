using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Lookups.V2;
using Twilio.Types;
using CallRecordingReadOptions = Twilio.Rest.Api.V2010.Account.Call.ReadRecordingOptions;
using CallRecordingResource = Twilio.Rest.Api.V2010.Account.Call.RecordingResource;

namespace CrmRecording.Emulators.Tests.Twilio.Sdk;

/// <summary>
/// The stand-in's fidelity, judged by Twilio's own helper library: the SDK's <see cref="CallResource"/> and
/// <see cref="RecordingResource"/> calls, their requests sent to the stand-in, get answers the SDK parses into the
/// same values Twilio's would carry, and errors it turns into its <see cref="ApiException"/>.
/// </summary>
public sealed class TwilioSdkFidelityTests : IAsyncLifetime
{
    private TwilioSession session = null!;
    private HostRewritingHandler handler = null!;
    private System.Net.Http.HttpClient http = null!;
    private TwilioRestClient client = null!;

    public async Task InitializeAsync()
    {
        session = await TwilioSession.StartAsync();
        session.Application.Twiml("/voice", "<Response><Dial><Client>rep-ada</Client></Dial></Response>");
        handler = new HostRewritingHandler(session.StandIn.BaseAddress);
        http = new System.Net.Http.HttpClient(handler);
        client = Client(session.StandIn.Options.AuthToken);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await session.DisposeAsync();
    }

    [Fact]
    public async Task CallResource_CreateThenFetch_ParsesTheQueuedCallThenTheBridgedOne()
    {
        var created = await CallResource.CreateAsync(
            new CreateCallOptions(new PhoneNumber(TwilioSession.Customer), new PhoneNumber(TwilioSession.CompanyNumber)) { Url = new Uri(FakeApplication.Url("/voice")) },
            client);

        Assert.Matches("^CA[0-9a-f]{32}$", created.Sid);
        Assert.Equal(session.Account, created.AccountSid);
        Assert.Equal(CallResource.StatusEnum.Queued, created.Status);
        Assert.Equal(TwilioSession.Customer, created.To);
        Assert.Equal(TwilioSession.CompanyNumber, created.From);
        Assert.Equal("outbound-api", created.Direction);
        Assert.Equal("2010-04-01", created.ApiVersion);
        Assert.Equal(("(415) 555-0199", "(415) 555-0100"), (created.ToFormatted, created.FromFormatted));
        Assert.Equal(("0", "USD"), (created.QueueTime, created.PriceUnit));
        Assert.Null(created.ParentCallSid);
        Assert.Equal(session.Clock.GetUtcNow(), Utc(created.DateCreated));
        Assert.Null(created.StartTime);
        Assert.Equal($"/2010-04-01/Accounts/{session.Account}/Calls/{created.Sid}.json", created.Uri);
        Assert.Equal($"/2010-04-01/Accounts/{session.Account}/Calls/{created.Sid}/Recordings.json", created.SubresourceUris["recordings"]);
        Assert.Equal(["https://api.twilio.com/2010-04-01/Accounts/" + session.Account + "/Calls.json"], handler.Rewritten.Select(uri => uri.AbsoluteUri));

        await session.StandIn.WaitForCallAsync(created.Sid, c => c.Bridged, TwilioSession.Patience);
        var fetched = await CallResource.FetchAsync(created.Sid, client: client);

        Assert.Equal(CallResource.StatusEnum.InProgress, fetched.Status);
        Assert.Equal(session.Clock.GetUtcNow(), Utc(fetched.StartTime));
        Assert.Null(fetched.EndTime);
        Assert.Null(fetched.Duration);
    }

    [Fact]
    public async Task CallResource_UpdateToCompleted_ParsesTheEndedCallWithItsDuration()
    {
        var sid = await BridgedCallAsync();
        session.Clock.Advance(TimeSpan.FromSeconds(12));

        var ended = await CallResource.UpdateAsync(sid, status: CallResource.UpdateStatusEnum.Completed, client: client);

        Assert.Equal(CallResource.StatusEnum.Completed, ended.Status);
        Assert.Equal("12", ended.Duration);
        Assert.Equal(session.Clock.GetUtcNow(), Utc(ended.EndTime));
    }

    [Fact]
    public async Task RecordingResource_StartPauseResumeStopFetchDelete_AllParseAsTwiliosDo()
    {
        var callSid = await BridgedCallAsync();

        var started = await CallRecordingResource.CreateAsync(callSid, recordingChannels: "dual", client: client);
        session.Clock.Advance(TimeSpan.FromSeconds(2));
        var paused = await CallRecordingResource.UpdateAsync(callSid, "Twilio.CURRENT", CallRecordingResource.StatusEnum.Paused, pauseBehavior: "skip", client: client);
        session.Clock.Advance(TimeSpan.FromSeconds(5));
        var resumed = await CallRecordingResource.UpdateAsync(callSid, started.Sid, CallRecordingResource.StatusEnum.InProgress, client: client);
        session.Clock.Advance(TimeSpan.FromSeconds(1));
        var stopped = await CallRecordingResource.UpdateAsync(callSid, started.Sid, CallRecordingResource.StatusEnum.Stopped, client: client);
        var listed = await CallRecordingResource.ReadAsync(callSid, client: client);
        var fetched = await RecordingResource.FetchAsync(started.Sid, client: client);

        Assert.Matches("^RE[0-9a-f]{32}$", started.Sid);
        Assert.Equal(callSid, started.CallSid);
        Assert.Equal(CallRecordingResource.StatusEnum.InProgress, started.Status);
        Assert.Equal("StartCallRecordingAPI", started.Source.ToString());
        Assert.Equal(2, started.Channels);
        Assert.Null(started.Duration);
        Assert.Equal(session.Clock.GetUtcNow().AddSeconds(-8), Utc(started.StartTime));
        Assert.Equal(
            [CallRecordingResource.StatusEnum.Paused, CallRecordingResource.StatusEnum.InProgress, CallRecordingResource.StatusEnum.Stopped],
            new[] { paused.Status, resumed.Status, stopped.Status });
        Assert.Equal(started.Sid, paused.Sid);
        Assert.Equal([started.Sid], listed.Select(recording => recording.Sid));
        Assert.Equal(RecordingResource.StatusEnum.Completed, fetched.Status);
        Assert.Equal("3", fetched.Duration);
        Assert.Equal(callSid, fetched.CallSid);
        Assert.Equal(new Uri(session.StandIn.BaseAddress, $"2010-04-01/Accounts/{session.Account}/Recordings/{started.Sid}"), fetched.MediaUrl);

        Assert.True(await RecordingResource.DeleteAsync(started.Sid, client: client));
        var gone = await Assert.ThrowsAsync<ApiException>(() => RecordingResource.FetchAsync(started.Sid, client: client));
        Assert.Equal((404, 20404), (gone.Status, gone.Code));
    }

    [Fact]
    public async Task RecordingResource_ReadOnePerPage_FollowsTheNextPageUriToEveryRecording()
    {
        var callSid = await BridgedCallAsync();
        var sids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var recording = await CallRecordingResource.CreateAsync(callSid, client: client);
            session.Clock.Advance(TimeSpan.FromSeconds(1));
            await CallRecordingResource.UpdateAsync(callSid, recording.Sid, CallRecordingResource.StatusEnum.Stopped, client: client);
            sids.Add(recording.Sid);
        }

        var read = await CallRecordingResource.ReadAsync(new CallRecordingReadOptions(callSid) { PageSize = 1 }, client);

        Assert.Equal(sids, read.Select(recording => recording.Sid));
        Assert.Equal(3, handler.Rewritten.Count(uri => uri.AbsolutePath.EndsWith("/Recordings.json", StringComparison.Ordinal) && uri.Query.Contains("PageSize=1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PhoneNumberResource_LineTypeIntelligence_ParsesTheStandInsLookup()
    {
        var number = await PhoneNumberResource.FetchAsync(TwilioSession.Customer, fields: "line_type_intelligence", client: client);

        Assert.Equal(TwilioSession.Customer, number.PhoneNumber.ToString());
        Assert.Equal(("1", "US", "(415) 555-0199"), (number.CallingCountryCode, number.CountryCode, number.NationalFormat));
        Assert.True(number.Valid);
        Assert.Equal("mobile", number.LineTypeIntelligence.Type);
        Assert.StartsWith("https://lookups.twilio.com/v2/PhoneNumbers/", handler.Rewritten.Single().AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallResource_CreateWithoutUrlOrTwiml_IsTheSdksApiExceptionWithTwiliosCode()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(
            new CreateCallOptions(new PhoneNumber(TwilioSession.Customer), new PhoneNumber(TwilioSession.CompanyNumber)), client));

        Assert.Equal((400, 21205), (error.Status, error.Code));
        Assert.Equal("https://www.twilio.com/docs/errors/21205", error.MoreInfo);
        Assert.Equal("Url parameter is required.", error.Message);
    }

    [Fact]
    public async Task AnyCall_Throttled_IsTheSdksApiException20429()
    {
        session.StandIn.Faults.TooManyRequests(1, TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<ApiException>(() => RecordingResource.FetchAsync("RE00000000000000000000000000000000", client: client));

        Assert.Equal((429, 20429), (error.Status, error.Code));
    }

    [Fact]
    public async Task AnyCall_WrongAuthToken_IsTheSdksApiException20003()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => CallResource.FetchAsync("CA00000000000000000000000000000000", client: Client("not-the-token")));

        Assert.Equal((401, 20003), (error.Status, error.Code));
    }

    /// <summary>The instant the SDK parsed from Twilio's RFC 2822 date (it gives a DateTime, in UTC or local time).</summary>
    private static DateTimeOffset? Utc(DateTime? parsed) =>
        parsed is { } value ? new DateTimeOffset(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;

    private TwilioRestClient Client(string authToken) =>
        new(session.StandIn.Options.AccountSid, authToken, httpClient: new SystemNetHttpClient(http));

    private async Task<string> BridgedCallAsync()
    {
        var sid = await session.CallAsync(TwilioSession.Customer, "/voice");
        await session.StandIn.WaitForCallAsync(sid, c => c.Bridged, TwilioSession.Patience);
        return sid;
    }
}
