using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>
/// <c>GET /api/calls/{id}/events</c>: the call's state pushed on every stored change, from the first ring to the
/// stored recording, then the end of the stream; a reconnect starts with the current state; a heartbeat keeps it open.
/// </summary>
public sealed class CallEventStreamTests : IDisposable
{
    private readonly SandboxCall _sandbox = new(f => f.Settings["Calls:EventsHeartbeatSeconds"] = "1");

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Events_ConsentedCallHungUpByTheRep_PushEveryStepUntilStoredThenEnd()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.CaliforniaMobile);
        using var events = await ServerSentEvents.OpenAsync(_sandbox.Client, $"/api/calls/{placed.CallId}/events");
        Assert.Equal(HttpStatusCode.OK, events.Response.StatusCode);
        Assert.Equal("text/event-stream", events.Response.Content.Headers.ContentType?.MediaType);

        var states = new List<JsonElement>();
        var ids = new List<long>();
        var hungUp = false;
        while (await events.NextStateAsync() is { } next)
        {
            states.Add(next.State);
            ids.Add(long.Parse(next.Id, System.Globalization.CultureInfo.InvariantCulture));
            if (!hungUp && next.State.GetProperty("recording").GetString() == "recording")
            {
                hungUp = true;
                Assert.Equal(HttpStatusCode.OK, (await _sandbox.Client.PostAsync($"/api/calls/{placed.CallId}/hangup", null)).StatusCode);
            }
        }

        Assert.True(hungUp, "The recording never started.");
        Assert.Equal(ids.OrderBy(i => i).Distinct(), ids);
        Assert.Equal(ids[^1], (await _sandbox.Calls.GetAsync(placed.CallId))!.Version);
        var phases = states.Select(s => s.GetProperty("phase").GetString()).Distinct().ToList();
        Assert.Equal(["answered", "ended"], phases.Where(p => p is "answered" or "ended"));
        // The stream starts with the state the call is in when it connects (the sandbox callee may already have
        // answered by then), so the question may have been heard before the first event; it is in every later state.
        Assert.All(states.SkipWhile(s => !s.GetProperty("disclosurePlayed").GetBoolean()), s => Assert.True(s.GetProperty("disclosurePlayed").GetBoolean()));
        Assert.Contains(states, s => s.GetProperty("disclosurePlayed").GetBoolean());
        Assert.Contains(states, s => s.GetProperty("consent") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("answer").GetString() == "granted" && c.GetProperty("method").GetString() == "keypad");
        var last = states[^1];
        Assert.True(last.GetProperty("final").GetBoolean());
        Assert.Equal("completed", last.GetProperty("endStatus").GetString());
        var stored = Assert.Single(last.GetProperty("stored").EnumerateArray());
        var call = await _sandbox.Calls.GetAsync(placed.CallId);
        Assert.Equal(Assert.Single(call!.Recordings).VaultId, stored.GetProperty("recordingId").GetString());
        Assert.DoesNotContain("+1415", string.Join(' ', states.Select(s => s.GetRawText())), StringComparison.Ordinal);
        Assert.Equal(1, states.Count(s => s.GetProperty("final").GetBoolean()));
    }

    [Fact]
    public async Task Events_ReconnectWithLastEventId_StartsWithTheCurrentState()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.TexasLandline);
        string firstId;
        using (var first = await ServerSentEvents.OpenAsync(_sandbox.Client, $"/api/calls/{placed.CallId}/events"))
        {
            firstId = (await first.NextStateAsync())!.Value.Id;
        }

        // The first state may already be the recording one (the sandbox call moves fast); what matters is that the
        // reconnected stream starts with the call as it is now, not with what followed the last event seen.
        var current = (await _sandbox.WaitAsync(placed.CallId, c => c.Recordings.Count > 0, "recording from answer")).Version;
        using var again = await ServerSentEvents.OpenAsync(_sandbox.Client, $"/api/calls/{placed.CallId}/events", lastEventId: firstId);
        var resumed = (await again.NextStateAsync())!.Value;

        var resumedId = long.Parse(resumed.Id, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(resumedId >= current, $"resumed at version {resumedId}, the call was at {current} before reconnecting");
        Assert.True(resumedId >= long.Parse(firstId, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("recording", resumed.State.GetProperty("recording").GetString());
    }

    [Fact]
    public async Task Events_WhileNothingChanges_SendAHeartbeatComment()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.DoNotRecord);
        await _sandbox.WaitAsync(placed.CallId, c => c.CustomerCallSid is not null, "the customer answered");
        using var events = await ServerSentEvents.OpenAsync(_sandbox.Client, $"/api/calls/{placed.CallId}/events");

        SentEvent? sent;
        do
        {
            sent = await events.NextAsync(seconds: 10);
        }
        while (sent is not null && !sent.Comments.Contains("keep-alive"));

        Assert.NotNull(sent);
    }

    [Fact]
    public async Task Events_OnlyTheRepTheManagerAndReviewersMayFollow()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.DoNotRecord);
        var url = $"/api/calls/{placed.CallId}/events";

        using (var reviewer = await ServerSentEvents.OpenAsync(_sandbox.As(SeedData.Users.ComplianceReviewer), url))
        {
            Assert.Equal(HttpStatusCode.OK, reviewer.Response.StatusCode);
            Assert.Equal(placed.CallId, (await reviewer.NextStateAsync())!.Value.State.GetProperty("callId").GetString());
        }

        using var director = await ServerSentEvents.OpenAsync(_sandbox.As(SeedData.Users.SalesDirector), url);
        Assert.Equal(HttpStatusCode.Forbidden, director.Response.StatusCode);
        using var anonymous = await ServerSentEvents.OpenAsync(_sandbox.Anonymous, url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Response.StatusCode);
        using var unknown = await ServerSentEvents.OpenAsync(_sandbox.Client, "/api/calls/0123/events");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Response.StatusCode);
    }
}
