using System.Net;
using System.Net.Http.Headers;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Service.Tests.Playback;

/// <summary>HTTP range semantics of <c>/api/recordings/{id}/audio</c> over an encrypted recording of 300,000 bytes (five 64 KiB chunks).</summary>
public sealed class PlaybackRangeTests(PlaybackFixture fixture) : IClassFixture<PlaybackFixture>
{
    private const int Length = 300_000;

    private async Task<(SeededRecording Seeded, HttpResponseMessage Response)> GetAsync(string? range, HttpMethod? method = null)
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, Length);
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, seeded.AudioUrl);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return (seeded, await client.SendAsync(request));
    }

    [Fact]
    public async Task Audio_NoRange_Is200WithTheWholeFileAndNoStoreHeaders()
    {
        var (seeded, response) = await GetAsync(null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Length, response.Content.Headers.ContentLength);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(seeded.Audio, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("bytes=0-299999 status=200", Assert.Single(await fixture.AuditOfAsync(seeded.Id)).Entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_SuffixRange_ReturnsTheLastBytes()
    {
        var (seeded, response) = await GetAsync("bytes=-100");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 299900-299999/300000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(100, response.Content.Headers.ContentLength);
        Assert.Equal(seeded.Audio[^100..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Audio_OpenRange_ReturnsFromTheOffsetToTheEnd()
    {
        var (seeded, response) = await GetAsync("bytes=131000-");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 131000-299999/300000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(seeded.Audio[131_000..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Audio_RangeEndPastTheFile_IsClampedToTheLastByte()
    {
        var (seeded, response) = await GetAsync("bytes=299000-999999");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 299000-299999/300000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(seeded.Audio[299_000..], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=300000-")]
    [InlineData("bytes=400000-500000")]
    [InlineData("bytes=-0")]
    public async Task Audio_UnsatisfiableRange_Is416WithTheLengthAndAudited(string range)
    {
        var (seeded, response) = await GetAsync(range);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */300000", response.Content.Headers.ContentRange?.ToString());
        var audit = Assert.Single(await fixture.AuditOfAsync(seeded.Id));
        Assert.Equal("playback-unsatisfiable", audit.Entry.Action);
        Assert.StartsWith("status=416", audit.Entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bytes=0-99,200-299")]
    [InlineData("bytes=abc-def")]
    [InlineData("bytes=500-100")]
    [InlineData("items=0-99")]
    public async Task Audio_MultipleOrMalformedRange_IsIgnoredWithTheWholeFile(string range)
    {
        var (seeded, response) = await GetAsync(range);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.Equal(seeded.Audio, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Audio_Head_AnswersLengthAndTypeWithoutABody()
    {
        var (seeded, response) = await GetAsync("bytes=0-99", HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Length, response.Content.Headers.ContentLength);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("playback-head", Assert.Single(await fixture.AuditOfAsync(seeded.Id)).Entry.Action);
    }

    [Fact]
    public async Task Audio_SeekAcrossEveryChunkBoundary_ReturnsTheExactBytes()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, Length);
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);
        foreach (var start in new[] { 0, 65_535, 65_536, 131_071, 262_143 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
            request.Headers.Range = new RangeHeaderValue(start, start + 2);
            using var response = await client.SendAsync(request);
            Assert.Equal(seeded.Audio[start..(start + 3)], await response.Content.ReadAsByteArrayAsync());
        }
    }
}
