using System.Net;
using CrmRecording.Telephony.Tests.Support;

namespace CrmRecording.Telephony.Tests;

/// <summary>Calls resource: <c>POST /2010-04-01/Accounts/{AccountSid}/Calls.json</c> and <c>.../Calls/{Sid}.json</c>.</summary>
public sealed class TwilioClientCallsTests
{
    private static readonly Uri VoiceUrl = new("https://media.example.com/twilio/voice/rep?call=7f3a");
    private static readonly Uri StatusUrl = new("https://media.example.com/twilio/status");

    [Fact]
    public async Task CreateCall_FullRequest_PostsEveryFieldAsFormWithRepeatedEvents()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-create-response.json"));

        await h.Client.CreateCallAsync(new CreateCallRequest("+15558675310", "+15017122661", VoiceUrl)
        {
            Method = "POST",
            StatusCallback = StatusUrl,
            StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
            StatusCallbackMethod = "POST",
            Timeout = 30,
            Record = true,
            RecordingChannels = "dual",
            RecordingStatusCallback = new Uri("https://media.example.com/twilio/recording"),
            RecordingStatusCallbackEvent = ["in-progress completed absent"],
        });

        var request = h.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal(ClientHarness.Api + "Calls.json", request.Uri);
        Assert.Equal(ClientHarness.Basic(ClientHarness.AccountSid, ClientHarness.AuthToken), request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal(
            [
                new("To", "+15558675310"),
                new("From", "+15017122661"),
                new("Url", "https://media.example.com/twilio/voice/rep?call=7f3a"),
                new("Method", "POST"),
                new("StatusCallback", "https://media.example.com/twilio/status"),
                new("StatusCallbackEvent", "initiated"),
                new("StatusCallbackEvent", "ringing"),
                new("StatusCallbackEvent", "answered"),
                new("StatusCallbackEvent", "completed"),
                new("StatusCallbackMethod", "POST"),
                new("Timeout", "30"),
                new("Record", "true"),
                new("RecordingChannels", "dual"),
                new("RecordingStatusCallback", "https://media.example.com/twilio/recording"),
                new("RecordingStatusCallbackEvent", "in-progress"),
                new("RecordingStatusCallbackEvent", "completed"),
                new("RecordingStatusCallbackEvent", "absent"),
            ],
            ClientHarness.Form(request));
    }

    [Fact]
    public async Task CreateCall_TwilioExampleResponse_ParsesCallWithRfc2822Dates()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-create-response.json"));

        var call = await h.Client.CreateCallAsync(new CreateCallRequest("+15558675310", null, VoiceUrl));

        Assert.Equal("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", call.Sid);
        Assert.Equal("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", call.AccountSid);
        Assert.Equal("completed", call.Status);
        Assert.Equal("inbound", call.Direction);
        Assert.Equal("+14158675309", call.To);
        Assert.Equal("+14158675308", call.From);
        Assert.Null(call.ParentCallSid);
        Assert.Equal(new DateTimeOffset(2010, 8, 31, 20, 36, 28, TimeSpan.Zero), call.DateCreated);
        Assert.Equal(new DateTimeOffset(2010, 8, 31, 20, 36, 29, TimeSpan.Zero), call.StartTime);
        Assert.Equal(new DateTimeOffset(2010, 8, 31, 20, 36, 44, TimeSpan.Zero), call.EndTime);
        Assert.Equal(15, call.Duration);
    }

    [Fact]
    public async Task CreateCall_ChildLegExample_ParsesParentCallSidAndDirection()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-fetch-response.json"));

        var call = await h.Client.CreateCallAsync(new CreateCallRequest("+15558675310", null, VoiceUrl));

        Assert.Equal("CAdeadbeefdeadbeefdeadbeefdeadbeef", call.ParentCallSid);
        Assert.Equal("outbound-api", call.Direction);
        Assert.Equal("machine_start", call.AnsweredBy);
        Assert.Equal(4, call.Duration);
    }

    [Fact]
    public async Task CreateCall_NoFrom_UsesConfiguredCallerId()
    {
        using var h = new ClientHarness(o => o.CallerId = "+14155550100");
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-create-response.json"));

        await h.Client.CreateCallAsync(new CreateCallRequest { To = "+15558675310", Url = VoiceUrl });

        Assert.Contains(new KeyValuePair<string, string>("From", "+14155550100"), ClientHarness.Form(h.Single));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task CreateCall_BlankFromWithoutCallerId_ThrowsWithoutSending(string from)
    {
        using var h = new ClientHarness(o => o.CallerId = null);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreateCallAsync(new CreateCallRequest("+15558675310", from, VoiceUrl)));

        Assert.Contains("From", e.Message, StringComparison.Ordinal);
        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task CreateCall_Twiml_SendsTheDocumentInsteadOfUrl()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-create-response.json"));
        var twiml = CallTwiml.Hangup("Goodbye & thanks", "en-US");

        await h.Client.CreateCallAsync(new CreateCallRequest { To = "+15558675310", Twiml = twiml });

        var form = ClientHarness.Form(h.Single);
        Assert.Equal(["To", "From", "Twiml"], form.Select(f => f.Key));
        Assert.Equal(twiml, form[2].Value);
    }

    [Fact]
    public async Task CreateCall_ApiKeyConfigured_AuthenticatesWithKeyNotAuthToken()
    {
        const string KeySid = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        using var h = new ClientHarness(o =>
        {
            o.ApiKeySid = KeySid;
            o.ApiKeySecret = "key-secret";
        });
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.Created, "twilio-call-create-response.json"));

        await h.Client.CreateCallAsync(new CreateCallRequest("+15558675310", null, VoiceUrl));

        Assert.Equal(ClientHarness.Basic(KeySid, "key-secret"), h.Single.Header("Authorization"));
        Assert.StartsWith(ClientHarness.Api, h.Single.Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false, "Url")]
    [InlineData("https://x.example/voice", true, "Url")]
    public async Task CreateCall_NeitherOrBothOfUrlAndTwiml_ThrowsWithoutSending(string? url, bool twiml, string named)
    {
        using var h = new ClientHarness();
        var request = new CreateCallRequest
        {
            To = "+15558675310",
            Url = url is null ? null : new Uri(url),
            Twiml = twiml ? "<Response/>" : null,
        };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreateCallAsync(request));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task CreateCall_ToNotE164_ThrowsWithoutSending()
    {
        using var h = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreateCallAsync(new CreateCallRequest("415 555 0100", null, VoiceUrl)));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task UpdateCall_Redirect_PostsUrlAndMethodToTheCall()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-call-fetch-response.json"));

        var call = await h.Client.UpdateCallAsync(ClientHarness.CallSid, new UpdateCallRequest { Url = VoiceUrl, Method = "POST" });

        Assert.Equal(ClientHarness.Api + $"Calls/{ClientHarness.CallSid}.json", h.Single.Uri);
        Assert.Equal([new("Url", VoiceUrl.AbsoluteUri), new("Method", "POST")], ClientHarness.Form(h.Single));
        Assert.Equal("completed", call.Status);
    }

    [Fact]
    public async Task UpdateCall_Complete_PostsStatusCompleted()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-call-fetch-response.json"));

        await h.Client.UpdateCallAsync(ClientHarness.CallSid, UpdateCallRequest.Complete());

        Assert.Equal([new("Status", "completed")], ClientHarness.Form(h.Single));
    }

    [Theory]
    [InlineData("CA123")]
    [InlineData("REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/../x")]
    public async Task UpdateCall_MalformedCallSid_ThrowsWithoutSending(string callSid)
    {
        using var h = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.UpdateCallAsync(callSid, UpdateCallRequest.Complete()));

        Assert.Empty(h.Handler.Requests);
    }
}
