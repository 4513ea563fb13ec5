using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Tests.Playback;

/// <summary><c>GET /api/recordings/{id}</c>: the recording, its retention, the call's decision and consent log.</summary>
public sealed class RecordingMetadataTests(PlaybackFixture fixture) : IClassFixture<PlaybackFixture>
{
    [Fact]
    public async Task Metadata_AllowedCaller_GetsRecordingCallAndConsentLog()
    {
        var at = new DateTimeOffset(2026, 3, 4, 15, 0, 0, TimeSpan.Zero);
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 1000, call => call with
        {
            ConsentEvents = [new ConsentEvent("consent-granted", at, "granted", "keypad", "1", "two-party", "3", "en-US", ["US-CA"], call.Id)],
            PausedSpans = [new PausedSpan(at.AddMinutes(2), at.AddMinutes(3), SeedData.Users.SalesRep, "skip")],
            ManualStart = new ManualStart(SeedData.Users.SalesRep, at, "Customer agreed verbally."),
        });
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);

        using var response = await client.GetAsync(seeded.MetadataUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(seeded.Id, json.GetProperty("id").GetString());
        Assert.Equal(seeded.Call.Id, json.GetProperty("callId").GetString());
        Assert.Equal(1000, json.GetProperty("bytes").GetInt64());
        Assert.Equal("audio/wav", json.GetProperty("contentType").GetString());
        Assert.Equal("sales", json.GetProperty("retentionClass").GetString());
        Assert.Equal(JsonValueKind.String, json.GetProperty("deleteAfter").ValueKind);
        Assert.False(json.GetProperty("onHold").GetBoolean());
        Assert.Equal("record-after-notice", json.GetProperty("decision").GetString());
        Assert.Equal(["US-TX", "US"], json.GetProperty("jurisdictions").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal(2, json.GetProperty("reasons").GetArrayLength());
        var consent = Assert.Single(json.GetProperty("consentEvents").EnumerateArray());
        Assert.Equal("consent-granted", consent.GetProperty("kind").GetString());
        Assert.Equal("keypad", consent.GetProperty("method").GetString());
        var paused = Assert.Single(json.GetProperty("pausedSpans").EnumerateArray());
        Assert.Equal("skip", paused.GetProperty("behavior").GetString());
        Assert.Equal("Customer agreed verbally.", json.GetProperty("manualStart").GetProperty("attestation").GetString());
        Assert.Equal($"/api/recordings/{seeded.Id}/audio", json.GetProperty("audioUrl").GetString());
        Assert.Equal("recording-viewed", Assert.Single(await fixture.AuditOfAsync(seeded.Id)).Entry.Action);
    }

    [Fact]
    public async Task Metadata_RecordingOnHold_SaysSo()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 1000);
        await fixture.Vault.PlaceHoldAsync(Vault.Recordings.RecordingId.Parse(seeded.Id), "litigation", "legal");
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.SalesRep);

        var json = JsonDocument.Parse(await client.GetStringAsync(seeded.MetadataUrl)).RootElement;

        Assert.True(json.GetProperty("onHold").GetBoolean());
    }

    [Fact]
    public async Task Metadata_CallerWithoutAccess_Is403AndAudited()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 1000);
        using var client = fixture.ClientFor(PlaybackFixture.OtherRepEntraId);

        using var response = await client.GetAsync(seeded.MetadataUrl);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("playback-denied", Assert.Single(await fixture.AuditOfAsync(seeded.Id)).Entry.Action);
    }
}
