using System.Net;
using CrmRecording.Telephony.Tests.Support;

namespace CrmRecording.Telephony.Tests;

/// <summary>What reconciliation reads from Twilio: a call's state and every recording it has.</summary>
public sealed class TwilioClientReconcileTests
{
    private const string List = ClientHarness.Api + "Calls/" + ClientHarness.CallSid + "/Recordings.json";

    [Fact]
    public async Task ListRecordings_OnePage_GetsTheCallsRecordingsWithTheirStatusAndMedia()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-call-recordings-read-response.json"));

        var recordings = await h.Client.ListRecordingsAsync(ClientHarness.CallSid);

        Assert.Equal("GET", h.Single.Method);
        Assert.Equal(List + "?PageSize=100", h.Single.Uri);
        var recording = Assert.Single(recordings);
        Assert.Equal((ClientHarness.RecordingSid, "completed", 4, ClientHarness.CallSid), (recording.Sid, recording.Status, recording.Duration, recording.CallSid));
        Assert.Equal(new Uri(ClientHarness.Api + $"Recordings/{ClientHarness.RecordingSid}.wav"), recording.MediaUrl);
    }

    [Fact]
    public async Task ListRecordings_SeveralPages_FollowsNextPageUriToTheLast()
    {
        using var h = new ClientHarness();
        var second = $"/2010-04-01/Accounts/{ClientHarness.AccountSid}/Calls/{ClientHarness.CallSid}/Recordings.json?PageSize=1&Page=1&PageToken=PAREbbb";
        h.Handler
            .Reply(() => Responses.Json(HttpStatusCode.OK, Page("REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", second)))
            .Reply(() => Responses.Json(HttpStatusCode.OK, Page("REbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", null)));

        var recordings = await h.Client.ListRecordingsAsync(ClientHarness.CallSid);

        Assert.Equal(["REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "REbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"], recordings.Select(r => r.Sid));
        Assert.Equal("https://api.twilio.com" + second, h.Handler.Requests[1].Uri);
    }

    [Fact]
    public async Task ListRecordings_NotACallSid_IsRefusedBeforeAnyRequest()
    {
        using var h = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.ListRecordingsAsync("../Recordings"));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task GetCall_GetsTheCallWithItsStatusAndEndTime()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Sample(HttpStatusCode.OK, "twilio-call-fetch-response.json"));

        var call = await h.Client.GetCallAsync(ClientHarness.CallSid);

        Assert.Equal(("GET", ClientHarness.Api + $"Calls/{ClientHarness.CallSid}.json"), (h.Single.Method, h.Single.Uri));
        Assert.Equal("completed", call.Status);
        Assert.NotNull(call.EndTime);
    }

    private static string Page(string sid, string? next) =>
        $$"""
        {"first_page_uri": "/x", "next_page_uri": {{(next is null ? "null" : $"\"{next}\"")}}, "page": 0, "page_size": 1, "previous_page_uri": null, "start": 0, "end": 0, "uri": "/x",
         "recordings": [{"sid": "{{sid}}", "call_sid": "{{ClientHarness.CallSid}}", "status": "completed", "duration": "3", "channels": 2}]}
        """;
}
