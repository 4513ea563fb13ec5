using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio.Media;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Playback;
using CrmRecording.Testing.Http;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Playback;

/// <summary>
/// The player's way to the audio: a short-lived media link for its audio element (no bearer token there), and the
/// waveform computed by the service. Both only for those who may listen, both in the audit trail.
/// </summary>
public sealed class MediaLinkTests(PlaybackFixture fixture) : IClassFixture<PlaybackFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task MediaLink_IssuedToAReviewer_StreamsRangesWithoutAnAuthorizationHeader_AndEachUseIsAudited()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var reviewer = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);

        using var issued = await reviewer.PostAsync(new Uri($"/api/recordings/{seeded.Id}/media-link", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var link = (await issued.Content.ReadFromJsonAsync<MediaLinkView>(Json))!;
        Assert.StartsWith("/media/", link.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(seeded.Id, link.Url, StringComparison.Ordinal);
        Assert.InRange(link.ExpiresAt - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));

        using var anonymous = fixture.WithToken(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(link.Url, UriKind.Relative));
        request.Headers.Range = new RangeHeaderValue(100_000, 100_099);
        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(seeded.Audio.AsSpan(100_000, 100).ToArray(), await response.Content.ReadAsByteArrayAsync());
        var audit = await fixture.AuditOfAsync(seeded.Id);
        Assert.Contains(audit, e => e.Entry.Action == PlaybackAudit.MediaLinkIssued && e.Entry.Actor == PlaybackAudit.CrmActor(SeedData.Users.ComplianceReviewer));
        Assert.Contains(audit, e => e.Entry.Action == PlaybackAudit.Granted && e.Entry.Actor == PlaybackAudit.CrmActor(SeedData.Users.ComplianceReviewer) && e.Entry.Detail!.Contains("bytes=100000-100099", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MediaLink_ForSomeoneWhoMayNotListen_IsRefused_AndTheRefusalAudited()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var outsider = fixture.ClientFor(PlaybackFixture.OtherRepEntraId);

        using var response = await outsider.PostAsync(new Uri($"/api/recordings/{seeded.Id}/media-link", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(await fixture.AuditOfAsync(seeded.Id), e => e.Entry.Action == PlaybackAudit.Denied && e.Entry.Actor == PlaybackAudit.CrmActor(PlaybackFixture.OtherRep));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Media_AForgedToken_Is403_NeverAServerError(string token)
    {
        using var anonymous = fixture.WithToken(null);

        using var response = await anonymous.GetAsync(new Uri($"/media/{token}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Media_ALinkWithOneCharacterChanged_Is403()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var reviewer = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);
        var link = (await (await reviewer.PostAsync(new Uri($"/api/recordings/{seeded.Id}/media-link", UriKind.Relative), null)).Content.ReadFromJsonAsync<MediaLinkView>(Json))!;
        var last = link.Url[^1] == 'A' ? 'B' : 'A';

        using var anonymous = fixture.WithToken(null);
        using var response = await anonymous.GetAsync(new Uri(link.Url[..^1] + last, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void Open_AfterTheLinksLifetime_SaysItExpired()
    {
        var time = new JumpingTime(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var links = new MediaLinks(Microsoft.Extensions.Options.Options.Create(new PlaybackOptions { MediaLinkMinutes = 5 }), time);
        var caller = new CallerIdentity("sub-1", SeedData.EntraObjectIds.ComplianceReviewer, "https://issuer.example");
        var (path, _) = links.Issue("0123456789abcdef0123456789abcdef", caller);
        var token = path["/media/".Length..];

        time.Advance(TimeSpan.FromMinutes(4.9));
        var fresh = links.Open(token);
        time.Advance(TimeSpan.FromMinutes(0.2));
        var stale = links.Open(token);

        Assert.Equal("0123456789abcdef0123456789abcdef", fresh.RecordingId);
        Assert.Equal(SeedData.EntraObjectIds.ComplianceReviewer, CallerIdentity.From(fresh.Caller!).EntraObjectId);
        Assert.Null(stale.Caller);
        Assert.Contains("expired", stale.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ALinkSealedByAnotherInstancesKey_IsRefused()
    {
        var time = new JumpingTime(DateTimeOffset.UnixEpoch.AddYears(56));
        var issuer = new MediaLinks(Microsoft.Extensions.Options.Options.Create(new PlaybackOptions()), time);
        var other = new MediaLinks(Microsoft.Extensions.Options.Options.Create(new PlaybackOptions()), time);
        var (path, _) = issuer.Issue("0123456789abcdef0123456789abcdef", new CallerIdentity("s", Guid.NewGuid(), "i"));

        Assert.Null(other.Open(path["/media/".Length..]).Caller);
    }

    [Fact]
    public async Task Peaks_OfADualChannelCall_GiveBothChannelsOverTheWholeDuration()
    {
        var call = PlaybackFixture.NewCall(SeedData.Users.SalesRep);
        await fixture.Factory.Services.GetRequiredService<ICallStore>().AddAsync(call);
        using var wav = new MemoryStream(DualChannelWav.Render(TimeSpan.FromSeconds(12)));
        var id = (await fixture.Vault.ImportAsync(wav, new ImportRequest("test", CallId: call.Id))).Id.Value;
        using var reviewer = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);

        using var response = await reviewer.GetAsync(new Uri($"/api/recordings/{id}/peaks?buckets=300", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var peaks = (await response.Content.ReadFromJsonAsync<PeaksView>(Json))!;
        Assert.Equal(12, peaks.Duration, 3);
        Assert.Equal(2, peaks.Channels);
        Assert.Equal(300, peaks.Buckets);
        Assert.All(peaks.Peaks, channel => Assert.Equal(600, channel.Length));
        Assert.Contains(await fixture.AuditOfAsync(id), e => e.Entry.Action == PlaybackAudit.PeaksViewed);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(20_001)]
    public async Task Peaks_BucketsOutOfRange_Is400WithTheRange(int buckets)
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var reviewer = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);

        using var response = await reviewer.GetAsync(new Uri($"/api/recordings/{seeded.Id}/peaks?buckets={buckets}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("100 to 20000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peaks_OfAudioThatIsNotPcmWav_Is422AndTheAudioStillPlays()
    {
        // The fixture's audio has a RIFF/WAVE start but no readable fmt chunk, as a file imported in another format would.
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var reviewer = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);

        using var peaks = await reviewer.GetAsync(new Uri($"/api/recordings/{seeded.Id}/peaks", UriKind.Relative));
        using var audio = await reviewer.GetAsync(seeded.AudioUrl);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, peaks.StatusCode);
        Assert.Contains("No waveform", await peaks.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
    }

    [Fact]
    public async Task Peaks_ForAnOutsider_Is403()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var outsider = fixture.ClientFor(PlaybackFixture.OtherRepEntraId);

        using var response = await outsider.GetAsync(new Uri($"/api/recordings/{seeded.Id}/peaks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
