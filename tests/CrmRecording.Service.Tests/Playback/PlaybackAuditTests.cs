using System.Net;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Vault.Audit;

namespace CrmRecording.Service.Tests.Playback;

/// <summary>Listens are audited before their first byte: concurrent requests of a listen share one event in the chain, and none is served unrecorded.</summary>
public sealed class PlaybackAuditTests(PlaybackFixture fixture) : IClassFixture<PlaybackFixture>
{
    [Fact]
    public async Task Audio_ConcurrentRangesOfOneListen_AuditedOnceInAnUnbrokenChain()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 300_000);
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);

        var bodies = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
            request.Headers.TryAddWithoutValidation("Range", $"bytes={i * 10_000}-{(i * 10_000) + 65_535}");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            return await response.Content.ReadAsByteArrayAsync();
        }));

        Assert.All(Enumerable.Range(0, 24), i => Assert.Equal(seeded.Audio[(i * 10_000)..((i * 10_000) + 65_536)], bodies[i]));
        Assert.Null(AuditChain.Verify(await fixture.Metadata.ReadAuditAsync()));
        var listen = Assert.Single(await fixture.AuditOfAsync(seeded.Id));
        Assert.Equal("playback", listen.Entry.Action);
        Assert.Contains(listen.Entry.Detail!.Split(' ')[0], Enumerable.Range(0, 24).Select(i => $"bytes={i * 10_000}-{(i * 10_000) + 65_535}"));
    }

    [Fact]
    public async Task Audio_AuditCommitFails_Is503WithNoAudioByte()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 300_000);
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);
        var trigger = "refuse_" + seeded.Id;
        await ExecuteAsync($"CREATE TRIGGER {trigger} BEFORE INSERT ON audit_events WHEN NEW.recording_id = '{seeded.Id}' AND NEW.action = 'playback' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
            request.Headers.TryAddWithoutValidation("Range", "bytes=1000-66535");
            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Content.Headers.ContentRange);
            Assert.Contains("audit trail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Empty(await fixture.AuditOfAsync(seeded.Id));
        }
        finally
        {
            await ExecuteAsync($"DROP TRIGGER {trigger};");
        }

        using var again = await client.GetAsync(seeded.AudioUrl);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(seeded.Audio, await again.Content.ReadAsByteArrayAsync());
    }

    private Task ExecuteAsync(string sql) => VaultDatabase.ExecuteAsync(fixture.Factory.Services, sql);
}
