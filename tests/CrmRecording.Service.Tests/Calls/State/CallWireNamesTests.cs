using System.Text.Json;
using System.Text.Json.Nodes;
using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Calls.State;

namespace CrmRecording.Service.Tests.Calls.State;

/// <summary>The call's enums keep the names calls were stored and shown with before they were enums.</summary>
public sealed class CallWireNamesTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("placing", CallStatus.Placing)]
    [InlineData("ringing", CallStatus.Ringing)]
    [InlineData("in-progress", CallStatus.InProgress)]
    [InlineData("completed", CallStatus.Completed)]
    [InlineData("busy", CallStatus.Busy)]
    [InlineData("failed", CallStatus.Failed)]
    [InlineData("no-answer", CallStatus.NoAnswer)]
    [InlineData("canceled", CallStatus.Canceled)]
    public void StoredCall_EachStatusName_ReadsAndWritesBackUnchanged(string stored, CallStatus status)
    {
        var document = Document(stored, "record-after-notice");

        var call = JsonSerializer.Deserialize<CallRecord>(document, Json)!;

        Assert.Equal((status, RecordingOutcome.RecordAfterNotice), (call.Status, call.Decision));
        var written = JsonNode.Parse(JsonSerializer.Serialize(call, Json))!;
        Assert.Equal((stored, "record-after-notice"), ((string?)written["status"], (string?)written["decision"]));
    }

    [Theory]
    [InlineData("record", RecordingOutcome.Record)]
    [InlineData("record-after-notice", RecordingOutcome.RecordAfterNotice)]
    [InlineData("record-after-consent", RecordingOutcome.RecordAfterConsent)]
    [InlineData("do-not-record", RecordingOutcome.DoNotRecord)]
    public void StoredCall_EachDecisionName_Reads(string stored, RecordingOutcome decision)
    {
        Assert.Equal(decision, JsonSerializer.Deserialize<CallRecord>(Document("completed", stored), Json)!.Decision);
    }

    [Fact]
    public void StoredCall_UnknownStatus_IsRefusedNotGuessed()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CallRecord>(Document("answered", "record"), Json));
    }

    [Fact]
    public void CallView_IsTheJsonTheApiAnsweredWithTheStoredRecord()
    {
        var call = CallStates.Named("paused") with
        {
            ConsentEvents = [new ConsentEvent("consent-timeout", CallStates.Placed.AddSeconds(15), null, "none", null, "consent-question", "1", "en-US", ["US-CA"], "x")],
            ManualStart = new ManualStart(CallRecords.Rep, CallStates.Placed.AddSeconds(18), "told verbally, agreed"),
            PhoneCallId = Guid.NewGuid(),
            RepName = "Riley Chen",
            Version = 7,
        };

        var view = JsonNode.Parse(JsonSerializer.Serialize(CallView.From(call), Json))!.AsObject();
        var record = JsonNode.Parse(JsonSerializer.Serialize(call, Json))!.AsObject();

        // Stored since the API answered with the record: the length for the CRM activity; the deciding jurisdiction and
        // rule and the refused pauses for the compliance report.
        foreach (var stored in new[] { "seconds", "decidingJurisdiction", "decidingRule", "pauseRefusals" })
        {
            Assert.True(record.Remove(stored), stored);
            Assert.False(view.ContainsKey(stored), stored);
        }

        Assert.True(JsonNode.DeepEquals(record, view), $"view {view}\nrecord {record}");
    }

    private static string Document(string status, string decision) => $$"""
        {"id":"0123456789abcdef0123456789abcdef","crm":"dynamics","entity":"contact","recordId":"c0000000-0000-4000-8000-000000000001",
         "customerTable":"contact","customerId":"c0000000-0000-4000-8000-000000000001","repUserId":"5e000000-0000-4000-8000-000000000004",
         "customerPhone":"+14155550101","decision":"{{decision}}","reasons":[],"jurisdictions":["US-CA"],"rulesVersion":"r",
         "callbackBase":"https://media.example/","language":"en-US","status":"{{status}}","createdAt":"2026-01-02T09:00:00Z","version":3}
        """;
}
