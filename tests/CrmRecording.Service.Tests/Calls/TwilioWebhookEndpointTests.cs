using System.Net;
using System.Text.Json;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Ingest;
using CrmRecording.Telephony;
using CrmRecording.Testing;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Twilio's webhooks against a real account's settings: signatures, malformed fields, duplicates.</summary>
public sealed class TwilioWebhookEndpointTests : IAsyncLifetime, IDisposable
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "0123456789abcdef0123456789abcdef";
    private const string PublicBase = "https://media.example.com/";
    private readonly ServiceFactory _factory = new() { Crm = new FakeCrm() };
    private HttpClient _client = null!;
    private CallRecord _call = null!;

    public TwilioWebhookEndpointTests()
    {
        _factory.Settings["Twilio:Mode"] = "remote";
        _factory.Settings["Twilio:AccountSid"] = AccountSid;
        _factory.Settings["Twilio:AuthToken"] = AuthToken;
        _factory.Settings["Twilio:PublicBaseUrl"] = PublicBase;
        _factory.Settings["Twilio:CallerId"] = "+14155550100";
    }

    public async Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        _call = CallRecords.New();
        await _factory.Services.GetRequiredService<ICallStore>().AddAsync(_call);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task RecordingStatus_Completed_QueuesOneIngestJob_AndARepeatIsANoOp()
    {
        var fields = Completed(_call);

        var first = await PostSignedAsync($"/twilio/recording-status?call={_call.Id}", fields);
        var second = await PostSignedAsync($"/twilio/recording-status?call={_call.Id}", fields);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("queued", JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal("duplicate", JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        var outbox = _factory.Services.GetRequiredService<IOutbox>();
        var jobs = await outbox.ClaimAsync("test", 10, DateTimeOffset.MaxValue.AddYears(-1), TimeSpan.FromMinutes(1));
        var job = Assert.Single(jobs);
        Assert.Equal(RecordingIngestJob.Kind, job.Kind);
        Assert.Equal(RecordingIngestJob.DedupeKey(fields["RecordingSid"]), job.DedupeKey);
        Assert.Contains("\"DurationSeconds\":42", job.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingStatus_ForgedSignature_Is403_AndQueuesNothing()
    {
        var fields = Completed(_call);
        using var content = new FormUrlEncodedContent(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/twilio/recording-status?call={_call.Id}") { Content = content };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute("not-the-token-0123456789abcdef00", PublicBase + $"twilio/recording-status?call={_call.Id}", fields));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await _factory.Services.GetRequiredService<IOutbox>().PendingAsync());
    }

    [Fact]
    public async Task RecordingStatus_SignedForAnotherCall_Is403()
    {
        var fields = Completed(_call);
        using var content = new FormUrlEncodedContent(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/twilio/recording-status?call={_call.Id}") { Content = content };
        // A valid signature for a different URL (another call's) must not be replayable here.
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(AuthToken, PublicBase + "twilio/recording-status?call=other", fields));

        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task RecordingStatus_MissingSignature_Is403()
    {
        using var content = new FormUrlEncodedContent(Completed(_call));
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.PostAsync($"/twilio/recording-status?call={_call.Id}", content)).StatusCode);
    }

    [Theory]
    [InlineData("RecordingSid", "RE-not-a-sid", "RecordingSid")]
    [InlineData("RecordingStatus", "exploded", "RecordingStatus")]
    [InlineData("RecordingDuration", "forty", "RecordingDuration")]
    [InlineData("AccountSid", "AC00000000000000000000000000000000", "AccountSid")]
    [InlineData("CallSid", "CA0000000000000000000000000000000z", "CallSid")]
    public async Task RecordingStatus_MalformedField_Is400NamingIt(string field, string value, string named)
    {
        var fields = Completed(_call);
        fields[field] = value;

        var response = await PostSignedAsync($"/twilio/recording-status?call={_call.Id}", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _factory.Services.GetRequiredService<IOutbox>().PendingAsync());
    }

    [Fact]
    public async Task RecordingStatus_CallSidOfAnotherCall_Is400()
    {
        var fields = Completed(_call);
        fields["CallSid"] = "CA" + new string('e', 32);

        var response = await PostSignedAsync($"/twilio/recording-status?call={_call.Id}", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("does not belong", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingStatus_WithoutCallParameter_Is400()
    {
        var response = await PostSignedAsync("/twilio/recording-status", Completed(_call));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RecordingStatus_Absent_IsNotedOnTheCall_AndQueuesNothing()
    {
        var fields = Completed(_call);
        fields["RecordingStatus"] = "absent";

        var response = await PostSignedAsync($"/twilio/recording-status?call={_call.Id}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await _factory.Services.GetRequiredService<ICallStore>().GetAsync(_call.Id);
        Assert.Equal("absent", Assert.Single(call!.Recordings).Status);
        Assert.Equal(0, await _factory.Services.GetRequiredService<IOutbox>().PendingAsync());
    }

    [Fact]
    public async Task Voice_ForgedSignature_Is403_AndAValidOneGetsTwiml()
    {
        var fields = new Dictionary<string, string> { ["CallSid"] = "CA" + new string('b', 32), ["AccountSid"] = AccountSid, ["CallStatus"] = "in-progress", ["ParentCallSid"] = _call.TwilioCallSid! };
        using (var forged = new FormUrlEncodedContent(fields))
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/twilio/voice/{_call.Id}/customer") { Content = forged })
        {
            request.Headers.Add("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
            Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(request)).StatusCode);
        }

        var response = await PostSignedAsync($"/twilio/voice/{_call.Id}/customer", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var twiml = await response.Content.ReadAsStringAsync();
        Assert.Contains("<Gather", twiml, StringComparison.Ordinal);
        Assert.Contains($"{PublicBase}twilio/voice/{_call.Id}/consent", twiml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentAnswer_RecordsTheDisclosureVersionThatWasAsked_NotTodaysCatalog()
    {
        var fields = new Dictionary<string, string> { ["CallSid"] = "CA" + new string('b', 32), ["AccountSid"] = AccountSid, ["Digits"] = "2" };

        var response = await PostSignedAsync($"/twilio/voice/{_call.Id}/consent?v=2025.01.0", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await _factory.Services.GetRequiredService<ICallStore>().GetAsync(_call.Id);
        var declined = Assert.Single(call!.ConsentEvents, e => e.Kind == "consent-declined");
        Assert.Equal(("2025.01.0", "declined", "keypad", "2"), (declined.DisclosureVersion, declined.Answer, declined.Method, declined.Heard));
    }

    [Fact]
    public async Task Voice_UnknownCall_Is404_AndNonFormBody_Is400()
    {
        var fields = new Dictionary<string, string> { ["CallSid"] = "CA" + new string('b', 32) };
        Assert.Equal(HttpStatusCode.NotFound, (await PostSignedAsync("/twilio/voice/0000/customer", fields)).StatusCode);

        using var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync($"/twilio/voice/{_call.Id}/customer", json)).StatusCode);
    }

    private static Dictionary<string, string> Completed(CallRecord call) => new()
    {
        ["AccountSid"] = AccountSid,
        ["CallSid"] = call.TwilioCallSid!,
        ["RecordingSid"] = "RE" + new string('c', 32),
        ["RecordingUrl"] = $"https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Recordings/RE{new string('c', 32)}",
        ["RecordingStatus"] = "completed",
        ["RecordingDuration"] = "42",
        ["RecordingChannels"] = "2",
        ["RecordingStartTime"] = "Tue, 24 Nov 2026 09:00:00 +0000",
        ["RecordingSource"] = "StartCallRecordingAPI",
        ["RecordingTrack"] = "both",
        ["ErrorCode"] = "0",
    };

    private async Task<HttpResponseMessage> PostSignedAsync(string pathAndQuery, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = content };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(AuthToken, PublicBase + pathAndQuery.TrimStart('/'), fields));
        return await _client.SendAsync(request);
    }
}
