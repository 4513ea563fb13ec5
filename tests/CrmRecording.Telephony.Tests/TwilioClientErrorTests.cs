using System.Net;
using System.Text.Json;
using CrmRecording.Telephony.Tests.Support;

namespace CrmRecording.Telephony.Tests;

/// <summary>Twilio's error JSON <c>{"code","message","more_info","status","details"}</c> and what is not JSON at all.</summary>
public sealed class TwilioClientErrorTests
{
    [Fact]
    public async Task GetRecording_TwilioErrorSample_ThrowsWithStatusCodeMoreInfoAndRequestId()
    {
        using var h = new ClientHarness();
        using var sample = JsonDocument.Parse(Samples.Text("twilio-rest-error-sample.json"));
        var status = sample.RootElement.GetProperty("http_status").GetInt32();
        var body = sample.RootElement.GetProperty("body").GetRawText();
        h.Handler.Reply(() => Responses.Json((HttpStatusCode)status, body));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.GetRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal(400, e.Status);
        Assert.Equal(20001, e.Code);
        Assert.Equal("Bad request", e.ServerMessage);
        Assert.Equal("https://www.twilio.com/docs/errors/20001", e.MoreInfo);
        Assert.Equal(Responses.RequestId, e.RequestId);
        Assert.Equal($"Twilio returned 400 (error 20001): Bad request [request {Responses.RequestId}]", e.Message);
        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task CreateCall_HtmlErrorPage_ThrowsWithStatusAndQuotedBody()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Text(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>"));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.CreateCallAsync(new CreateCallRequest("+15558675310", null, new Uri("https://media.example.com/v"))));

        Assert.Equal(502, e.Status);
        Assert.Null(e.Code);
        Assert.Null(e.RequestId);
        Assert.Contains("502 Bad Gateway", e.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRecording_EmptyErrorBody_ThrowsWithStatusAndReason()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Empty(HttpStatusCode.Unauthorized));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.GetRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal(401, e.Status);
        Assert.Equal("401 Unauthorized", e.ServerMessage);
    }

    [Fact]
    public async Task GetRecording_SuccessWithBrokenJson_ThrowsContractError()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, """{"sid": "REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "start_time": "2016-10-14T21:56:34Z"}"""));

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.GetRecordingAsync(ClientHarness.RecordingSid));

        Assert.Equal(200, e.Status);
        Assert.IsType<JsonException>(e.InnerException);
        Assert.Contains("RFC 2822", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupLineType_TransportFailure_MessageDoesNotContainTheNumber()
    {
        using var h = new ClientHarness(o => o.MaxRetries = 0);
        h.Handler.Fail();

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.LookupLineTypeAsync("+14159929960"));

        Assert.DoesNotContain("4159929960", e.Message, StringComparison.Ordinal);
    }
}
