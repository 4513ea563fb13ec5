using System.Net;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Options;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Tests.Playback;

/// <summary>Audio whose stored bytes were damaged: a problem the player can show, an audit that says so, nothing half-sent.</summary>
public sealed class PlaybackDamageTests(PlaybackFixture fixture) : IClassFixture<PlaybackFixture>
{
    private static readonly Guid Reviewer = SeedData.EntraObjectIds.ComplianceReviewer;

    [Fact]
    public async Task Audio_RangeInsideADamagedChunk_Is409ProblemAndTheAuditSays409()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 300_000);
        await DamageChunkAsync(seeded.Id, chunk: 3);
        using var client = fixture.ClientFor(Reviewer);
        using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(200_000, 200_100);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.Contains("chunk 3", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audit = await fixture.AuditOfAsync(seeded.Id);
        Assert.Contains(audit, e => e.Entry.Action == "damage-found" && e.Entry.Detail!.Contains("chunk 3", StringComparison.Ordinal));
        var failed = Assert.Single(audit, e => e.Entry.Action == "playback-failed");
        Assert.StartsWith("status=409", failed.Entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(audit, e => e.Entry.Detail?.StartsWith("status=206", StringComparison.Ordinal) ?? false);
    }

    [Fact]
    public async Task Audio_FullGetOfARecordingKnownToBeDamaged_IsRefusedBeforeTheFirstByte_AndARangeBeforeTheDamageStillPlays()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 300_000);
        await DamageChunkAsync(seeded.Id, chunk: 3);
        var verified = await fixture.Vault.VerifyAsync(RecordingId.Parse(seeded.Id));
        Assert.False(verified.Ok);
        using var client = fixture.ClientFor(Reviewer);

        using var whole = await client.GetAsync(seeded.AudioUrl, HttpCompletionOption.ResponseContentRead);
        using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);
        using var early = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, whole.StatusCode);
        Assert.Equal("application/problem+json", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.PartialContent, early.StatusCode);
        Assert.Equal(seeded.Audio[..100], await early.Content.ReadAsByteArrayAsync());
        var audit = await fixture.AuditOfAsync(seeded.Id);
        Assert.Contains(audit, e => e.Entry.Action == "playback-failed" && e.Entry.Detail!.StartsWith("status=409", StringComparison.Ordinal));
    }

    /// <summary>Flips one ciphertext byte inside chunk <paramref name="chunk"/> of the stored blob.</summary>
    private async Task DamageChunkAsync(string id, int chunk)
    {
        var record = await fixture.Vault.GetAsync(RecordingId.Parse(id));
        var data = Path.GetFullPath(fixture.Factory.Services.GetRequiredService<IOptions<ServiceOptions>>().Value.DataDirectory);
        var blob = Directory.EnumerateFiles(Path.Combine(data, "recordings"), record.BlobName + "*", SearchOption.AllDirectories).Single();
        var chunks = (record.PlaintextBytes + record.ChunkSize - 1) / record.ChunkSize;
        var header = record.StoredBytes - record.PlaintextBytes - (chunks * 16);
        var offset = header + (chunk * (record.ChunkSize + 16)) + 10;
        await using var stream = new FileStream(blob, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0x01));
    }
}
